import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import type { ReactNode } from 'react';

/**
 * Asks before something that can't be undone (deleting a secret, forgetting a host key). Open while
 * `item` is set; confirming closes it first, so a double click can't act twice.
 */
export function ConfirmDangerModal<T>(props: {
  item: T | undefined;
  id: string;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: (item: T) => void;
  onClose: () => void;
}) {
  const { item, id, title, confirmLabel, children, onConfirm, onClose } = props;
  return (
    <Modal isOpen={item !== undefined} onClose={onClose} variant="small" aria-labelledby={id}>
      <ModalHeader title={title} labelId={id} titleIconVariant="warning" />
      <ModalBody>{children}</ModalBody>
      <ModalFooter>
        <Button
          variant="danger"
          onClick={() => {
            onClose();
            if (item !== undefined) onConfirm(item);
          }}
        >
          {confirmLabel}
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
