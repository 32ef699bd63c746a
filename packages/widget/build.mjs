// Builds the widget: the app chunk (ES module, hashed name) and its lazy chunks first, then the
// loader (a classic script) that knows the app chunk's name; then the .gz and .br files the server
// sends. Prints the sizes the budgets are about, per chunk.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { widgetSizes } from './sizes.mjs';
import { terserOptions } from '../../terser-options.mjs';
import { alias } from '../../workspace-aliases.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const shared = {
  configFile: false,
  logLevel: 'warn',
  resolve: { alias },
  // The same JSX transform as the tests and the type checker (tsconfig: react-jsx, preact).
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
};

// The app chunk (the panel and the compose form, with Preact and the SDK's core) and the two
// locales are entries; what they import lazily (My messages and the thread, the SDK's live event
// stream) Rollup puts in chunks of their own.
const app = await build({
  ...shared,
  build: {
    outDir: here('./dist/sori'),
    emptyOutDir: true,
    target: 'es2022',
    minify: 'terser',
    terserOptions,
    // Library mode: an app build wraps every lazy `import()` in Vite's preload helper (about
    // 0.5 KB), for CSS and shared chunks these chunks do not have; the loader preloads what
    // matters offline itself (see src/loader/index.ts).
    lib: { entry: { app: here('./src/app/index.tsx'), en: here('./src/locales/en.ts'), ko: here('./src/locales/ko.ts') }, formats: ['es'] },
    rollupOptions: {
      // The lazy chunks import what they share (Preact, hooks, the SDK) from the app chunk, which
      // for that exports a few more short internal names: one file for the first open rather
      // than an entry that only re-exports a second one.
      preserveEntrySignatures: 'allow-extension',
      output: {
        format: 'es',
        entryFileNames: '[name]-[hash].js',
        // The thread screens' chunk is named for what it is, not for its `index.ts`.
        chunkFileNames: (chunk) => (chunk.facadeModuleId?.includes('/src/thread/') ? 'thread-[hash].js' : '[name]-[hash].js'),
      },
    },
  },
});
const outputs = (Array.isArray(app) ? app : [app]).flatMap((result) => ('output' in result ? result.output : []));
const chunkOf = (name) => {
  const chunk = outputs.find((o) => o.type === 'chunk' && o.isEntry && o.name === name);
  if (!chunk) throw new Error(`the app build produced no "${name}" chunk`);
  return chunk;
};
const entry = (name) => chunkOf(name).fileName;

/** The chunk files `fileName` pulls in before it runs (static imports, transitively). */
function staticClosure(fileName, seen = new Set()) {
  if (seen.has(fileName)) return seen;
  seen.add(fileName);
  const chunk = outputs.find((o) => o.type === 'chunk' && o.fileName === fileName);
  for (const imported of chunk?.imports ?? []) staticClosure(imported, seen);
  return seen;
}

await build({
  ...shared,
  define: {
    __SORI_APP__: JSON.stringify(entry('app')),
    __SORI_PRELOAD__: JSON.stringify([...staticClosure(entry('app')), ...outputs.filter((o) => o.type === 'chunk' && o.fileName.startsWith('thread-')).map((o) => o.fileName)]),
    __SORI_LOCALES__: JSON.stringify({ en: entry('en'), ko: entry('ko') }),
  },
  build: {
    outDir: here('./dist'),
    emptyOutDir: false,
    target: 'es2020',
    minify: 'terser',
    terserOptions: { ...terserOptions, module: false },
    lib: { entry: here('./src/loader/index.ts'), formats: ['iife'], name: 'SoriLoader', fileName: () => 'sori.js' },
  },
});

/**
 * Writes `file.gz` (zopfli: gzip that any browser reads, 2–3 % smaller than zlib -9) and
 * `file.br` beside a built file. The server sends these to browsers that accept them, so the
 * `.gz` sizes are what a shopper downloads and what the widget budgets count.
 */
async function precompress(file) {
  const bytes = readFileSync(file);
  writeFileSync(`${file}.gz`, await gzipAsync(bytes, { numiterations: 15 }));
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}

const chunkDir = here('./dist/sori');
await Promise.all([here('./dist/sori.js'), ...readdirSync(chunkDir).filter((f) => f.endsWith('.js')).map((f) => `${chunkDir}/${f}`)].map(precompress));
// Which chunk a shopper loads when: the budgets (DESIGN.md) are about the first open (the compose
// form usable, in one language) and about everything. Written beside the served folder, not in it.
const firstOpen = [...staticClosure(entry('app'))];
const chunks = outputs.filter((o) => o.type === 'chunk').map((o) => o.fileName);
writeFileSync(
  here('./dist/chunks.json'),
  `${JSON.stringify({ loader: 'sori.js', firstOpen, locales: { en: entry('en'), ko: entry('ko') }, lazy: chunks.filter((f) => !firstOpen.includes(f) && f !== entry('en') && f !== entry('ko')) }, null, 2)}\n`,
);
const sizes = widgetSizes(here('./dist'));
console.log(
  `widget (gzip -9): loader ${sizes.loader} B (budget 2048); first open ${sizes.firstOpen} B (budget 19456, DESIGN.md 15360); everything ${sizes.total} B (budget 23552, DESIGN.md 20480; see docs/budgets.md)\n` +
    sizes.chunks.map((c) => `  ${c.file}: ${c.gzip} B gzip -9, ${c.sent} B sent (zopfli), ${c.brotli} B brotli — ${c.phase}`).join('\n'),
);
