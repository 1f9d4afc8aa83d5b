import { Alert, Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useMemo } from 'react';
import { lineDiff } from '@shared/lint/text-edits';

export interface PendingChange {
  title: string;
  before: string;
  after: string;
}

/** Shows exactly what a fix (or a save) changes, and writes only when the user confirms. */
export function FixPreviewModal({
  change,
  canWrite,
  unsavedEdits,
  busy,
  onConfirm,
  onApplyToEditor,
  onCancel,
}: {
  change: PendingChange | null;
  canWrite: boolean;
  unsavedEdits: boolean;
  busy: boolean;
  onConfirm: () => void;
  onApplyToEditor: () => void;
  onCancel: () => void;
}) {
  const diff = useMemo(() => (change ? lineDiff(change.before, change.after) : []), [change]);
  return (
    <Modal variant="large" isOpen={change !== null} onClose={onCancel} aria-labelledby="fix-preview-title" aria-describedby="fix-preview-diff">
      <ModalHeader title={change?.title ?? ''} labelId="fix-preview-title" />
      <ModalBody>
        {unsavedEdits && canWrite && (
          <Alert variant="info" isInline isPlain title="The editor has changes that are not saved yet; saving writes them too." />
        )}
        <pre id="fix-preview-diff" aria-label="Changes" data-testid="fix-diff" style={{ fontFamily: 'monospace', fontSize: 13, overflow: 'auto', maxHeight: 400, margin: 0 }}>
          {diff.map((l, i) => (
            <div
              key={i}
              style={{
                background: l.kind === 'added' ? 'rgba(62,134,53,0.15)' : l.kind === 'removed' ? 'rgba(201,25,11,0.12)' : undefined,
              }}
            >
              {`${l.kind === 'added' ? '+' : l.kind === 'removed' ? '-' : ' '} ${String(l.line).padStart(4)}  ${l.text}`}
            </div>
          ))}
        </pre>
      </ModalBody>
      <ModalFooter>
        {canWrite && (
          <Button variant="primary" onClick={onConfirm} isLoading={busy} isDisabled={busy}>
            Apply and save the file
          </Button>
        )}
        <Button variant={canWrite ? 'secondary' : 'primary'} onClick={onApplyToEditor} isDisabled={busy}>
          Apply in the editor only
        </Button>
        <Button variant="link" onClick={onCancel} isDisabled={busy}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
