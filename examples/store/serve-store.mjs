import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** URL prefixes and the folders they serve; the longest prefix wins. */
const ROOTS = [
  ['/headless/', here('../headless/')],
  ['/sdk/', here('../../packages/sdk/dist/')],
  ['/', here('./public/')],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** The file a URL path names, or `undefined` when it is outside the served folders. */
function resolveFile(path) {
  for (const [prefix, root] of ROOTS) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length) || 'index.html';
    const file = normalize(join(root, rest.endsWith('/') ? `${rest}index.html` : rest));
    return file.startsWith(root) ? file : undefined;
  }
  return undefined;
}

/**
 * Serves the demo store's pages (and the headless example at /headless/) on their own origin,
 * with the Sori server's origin and the site key filled into the page.
 *
 * @param {{ port: number, host?: string, soriOrigin: string, siteKey: string }} options
 * @returns {Promise<import('node:http').Server>}
 */
export function serveStore({ port, host = '127.0.0.1', soriOrigin, siteKey }) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://store').pathname;
    if (path === '/headless') {
      res.writeHead(301, { location: '/headless/' }).end();
      return;
    }
    const file = resolveFile(path);
    const type = file && TYPES[extname(file)];
    if (!file || !type) {
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
