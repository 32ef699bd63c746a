import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Bytes of a file after gzip -9 (zlib): how the budgets count, comparable with other widgets' figures. */
export const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Bytes of a file after brotli at quality 11: close to what Chromium receives from the server. */
const brotliSize = (file) => brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * What the widget costs a shopper, per file the server sends, from the build's `chunks.json`: the
 * loader; the first open (the app chunk and what it imports before it runs, plus the larger of the
 * two locales, since a shopper loads one language only); and everything it can ever load (the lazy
 * chunks too). Sizes are gzip -9 of each file; `sent` is the precompressed `.gz` the server sends.
 */
export function widgetSizes(dist) {
  const plan = JSON.parse(readFileSync(join(dist, 'chunks.json'), 'utf8'));
  const pathOf = (file) => (file === plan.loader ? join(dist, file) : join(dist, 'sori', file));
  const measure = (file, phase) => ({ file, phase, gzip: gzipSize(pathOf(file)), sent: readFileSync(`${pathOf(file)}.gz`).length, brotli: brotliSize(pathOf(file)) });
  const chunks = [
    measure(plan.loader, 'loader'),
    ...plan.firstOpen.map((f) => measure(f, 'first open')),
    ...Object.values(plan.locales).map((f) => measure(f, 'first open (one locale)')),
    ...plan.lazy.map((f) => measure(f, 'lazy')),
  ];
  const sum = (list) => list.reduce((n, c) => n + c.gzip, 0);
  const locale = Math.max(...chunks.filter((c) => c.phase === 'first open (one locale)').map((c) => c.gzip));
  const loader = chunks[0].gzip;
  const firstOpen = loader + sum(chunks.filter((c) => c.phase === 'first open')) + locale;
  return { loader, firstOpen, total: firstOpen + sum(chunks.filter((c) => c.phase === 'lazy')), chunks };
}
