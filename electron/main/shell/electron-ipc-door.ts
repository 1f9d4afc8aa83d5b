import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from '@shared/contract/channels';
import type { Door } from '../ipc/register';
import { APP_ORIGIN } from './app-protocol';

/**
 * Electron IPC as a door: one invoke channel, calls only from the main frame of the app's own
 * window at the app's own origin (no subframes, no webviews, nothing navigated elsewhere).
 */
export function electronIpcDoor(getWindow: () => BrowserWindow | undefined): Door<IpcMainInvokeEvent> {
  return {
    name: 'ipc',
    isTrusted(event) {
      const win = getWindow();
      const frame = event.senderFrame;
      if (!win || !frame || event.sender.id !== win.webContents.id) return false;
      if (event.sender.getType() !== 'window') return false;
      if (frame !== event.sender.mainFrame) return false;
      return frame.url.startsWith(`${APP_ORIGIN}/`);
    },
    sinkFor(event) {
      const contents = event.sender;
      return (name, payload) => {
        if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
      };
    },
    listen(answer) {
      ipcMain.handle(CALL_CHANNEL, (event, name: unknown, payload: unknown) => answer(event, name, payload));
      return () => ipcMain.removeHandler(CALL_CHANNEL);
    },
  };
}
