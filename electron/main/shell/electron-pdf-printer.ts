import { BrowserWindow } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { PdfPrinter } from '../services/report/pdf-printer';

/**
 * The desktop app prints reports with Electron's own `printToPDF`, in a hidden window that runs no
 * script and loads the self-contained report as a data: URL (no file:// access needed).
 */
export class ElectronPdfPrinter implements PdfPrinter {
  async print(htmlPath: string, pdfPath: string, signal?: AbortSignal): Promise<void> {
    const html = await readFile(htmlPath);
    const win = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
    });
    try {
      await win.loadURL(`data:text/html;charset=utf-8;base64,${html.toString('base64')}`);
      if (signal?.aborted) throw new AppError(ErrorCode.Cancelled, 'Cancelled.');
      const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      await writeFile(pdfPath, pdf);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError(ErrorCode.FileWriteFailed, `The report could not be printed: ${err instanceof Error ? err.message : String(err)}`, {
        hint: 'Export Markdown or HTML instead.',
      });
    } finally {
      win.destroy();
    }
  }
}
