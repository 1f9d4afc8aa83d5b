import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';

/**
 * Turns an HTML file into a PDF. Under `serve` and the CLI: headless Chromium. In Electron a
 * printer built on `webContents.printToPDF` can be passed instead (Electron can't run here).
 */
export interface PdfPrinter {
  print(htmlPath: string, pdfPath: string, signal?: AbortSignal): Promise<void>;
}

/** Pure argument builder, so the exact command line is testable without Chromium. */
export function chromiumPrintArgs(htmlPath: string, pdfPath: string): string[] {
  return ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdfPath}`, pathToFileURL(htmlPath).href];
}

export class ChromiumPdfPrinter implements PdfPrinter {
  constructor(private readonly executable = '/usr/bin/chromium') {}

  print(htmlPath: string, pdfPath: string, signal?: AbortSignal): Promise<void> {
    if (!existsSync(this.executable)) {
      return Promise.reject(new AppError(ErrorCode.FileWriteFailed, `Chromium is not at ${this.executable}, so no PDF can be printed.`, { hint: 'Export Markdown or HTML instead, or set CERTDESK_CHROMIUM to a Chromium binary.' }));
    }
    return new Promise((resolve, reject) => {
      // An argument array, never a shell string: the paths may contain anything.
      execFile(this.executable, chromiumPrintArgs(htmlPath, pdfPath), { timeout: 60_000, ...(signal ? { signal } : {}) }, (err, _stdout, stderr) => {
        if (err || !existsSync(pdfPath)) {
          reject(new AppError(ErrorCode.FileWriteFailed, `Chromium could not print the report: ${err?.message ?? String(stderr).slice(-500)}`, { hint: 'Export Markdown or HTML instead.' }));
        } else resolve();
      });
    });
  }
}
