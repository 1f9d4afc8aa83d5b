/** The two Electron IPC channels: every call goes through one, every event through the other. */
export const CALL_CHANNEL = 'certdesk:call';
export const EVENT_CHANNEL = 'certdesk:event';
