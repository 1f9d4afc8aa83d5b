import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveStatic } from '../../serve/static-files';

/** The renderer is served from app://certdesk/ instead of file:// (Electron security checklist). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://certdesk`;

/** Must run before `app.ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== 'certdesk') return new Response('Not found', { status: 404 });
    const file = resolveStatic(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
