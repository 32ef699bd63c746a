import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Bytes of a file after gzip -9 (zlib): how the SDK, which sites bundle themselves, is counted. */
export const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Bytes of the `.gz` file the build wrote beside `file` (see `precompress` in build.mjs). */
const sentSize = (file) => readFileSync(`${file}.gz`).length;

/**
 * What the widget costs a shopper, as the server sends it (gzip): the loader, and everything it
 * loads — the app chunk, shared chunks and the larger of the two locale chunks (a shopper loads one
 * language only).
 */
export function widgetSizes(dist) {
  const chunks = readdirSync(join(dist, 'sori')).filter((f) => f.endsWith('.js'));
  const size = (f) => sentSize(join(dist, 'sori', f));
  const isLocale = (f) => /^(en|ko)-/.test(f);
  const loader = sentSize(join(dist, 'sori.js'));
  const shared = chunks.filter((f) => !isLocale(f)).reduce((n, f) => n + size(f), 0);
  const locale = Math.max(...chunks.filter(isLocale).map(size));
  return { loader, total: loader + shared + locale, chunks };
}
