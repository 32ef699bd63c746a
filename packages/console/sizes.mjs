// Prints what the console costs a browser after `vite build`: each emitted file's gzip -9 size
// (how DESIGN.md counts bytes), the JavaScript a person loads before signing in (the entry chunk
// and what it imports statically) and everything. The budget is 60 KB gzip -9 before sign-in.
import { gzipSync } from 'node:zlib';

const BUDGET_BEFORE_SIGN_IN = 60 * 1024;

/** Bytes of `source` after gzip -9 (zlib). */
const gzip9 = (source) => gzipSync(typeof source === 'string' ? Buffer.from(source) : source, { level: 9 }).length;

/**
 * A Vite plugin that prints the per-file gzip -9 sizes when the bundle is written, and fails the
 * build when the JavaScript before sign-in goes over its budget.
 * @returns {import('vite').Plugin}
 */
export function printSizes() {
  return {
    name: 'sori-console-sizes',
    apply: 'build',
    writeBundle(_options, bundle) {
      const files = Object.values(bundle);
      const chunks = files.filter((f) => f.type === 'chunk');
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) throw new Error('the console build produced no entry chunk');
      // Static imports only: a dynamic import() is a lazy chunk the signed-in screens load.
      const eager = new Set();
      const visit = (fileName) => {
        if (eager.has(fileName)) return;
        eager.add(fileName);
        for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(imported);
      };
      visit(entry.fileName);
      // The CSS the eager chunks import (Vite's metadata) is loaded before sign-in too.
      for (const chunk of chunks) if (eager.has(chunk.fileName)) for (const css of chunk.viteMetadata?.importedCss ?? []) eager.add(css);
      const rows = files
        .filter((f) => /\.(js|css|html)$/.test(f.fileName))
        .map((f) => ({
          file: f.fileName,
          gzip: gzip9(f.type === 'chunk' ? f.code : f.source),
          phase: eager.has(f.fileName) || f.fileName === 'index.html' ? 'before sign-in' : 'lazy',
        }))
        .sort((a, b) => a.phase.localeCompare(b.phase) || b.gzip - a.gzip);
      const sum = (list) => list.reduce((n, r) => n + r.gzip, 0);
      const js = rows.filter((r) => r.file.endsWith('.js'));
      const before = sum(js.filter((r) => r.phase === 'before sign-in'));
      console.log(
        `\nconsole (gzip -9): JavaScript before sign-in ${before} B (budget ${BUDGET_BEFORE_SIGN_IN}); all JavaScript ${sum(js)} B; ` +
          `CSS before sign-in ${sum(rows.filter((r) => r.file.endsWith('.css') && r.phase === 'before sign-in'))} B, all CSS ${sum(rows.filter((r) => r.file.endsWith('.css')))} B\n` +
          rows.map((r) => `  ${r.file}: ${r.gzip} B — ${r.phase}`).join('\n'),
      );
      if (before > BUDGET_BEFORE_SIGN_IN) throw new Error(`console JavaScript before sign-in is ${before} B gzip -9, over its ${BUDGET_BEFORE_SIGN_IN} B budget`);
    },
  };
}
