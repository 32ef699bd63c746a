import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./public/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * Serves the demo store's pages on their own origin, with the Sori server's origin and the
 * site key filled into the script tag.
 *
 * @param {{ port: number, host?: string, soriOrigin: string, siteKey: string }} options
 * @returns {Promise<import('node:http').Server>}
 */
export function serveStore({ port, host = '127.0.0.1', soriOrigin, siteKey }) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://store').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(root) || !type) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    try {
      let body = await readFile(file, 'utf8');
      if (type.startsWith('text/html')) body = body.replaceAll('%SORI_ORIGIN%', soriOrigin).replaceAll('%SORI_SITE%', siteKey);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
