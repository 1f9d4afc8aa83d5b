import type { EvidenceEvent, EvidenceRecorder } from './evidence-recorder';

/**
 * Records evidence without ever failing the work it describes: evidence is a convenience for the
 * checklist and the wizard, so a settings file that can't be written loses a tick, not a lint or a push.
 */
export async function recordQuietly(recorder: EvidenceRecorder | undefined, event: Omit<EvidenceEvent, 'at'> & { at?: string }): Promise<void> {
  if (!recorder || !event.projectId) return;
  try {
    await recorder.record({ ...event, at: event.at ?? new Date().toISOString() });
  } catch {
    // The result itself reached the caller; only the checklist misses it.
  }
}

/** One line for a failure's evidence summary: the error's message, never its details (they may hold paths of keys). */
export function failureSummary(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}
