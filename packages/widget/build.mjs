// Builds the widget: the app chunk (ES module, hashed name) first, then the loader (a classic
// script) that knows the chunk's name; then the .gz and .br files the server sends. Prints the
// gzip sizes the budgets are about.
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
  // The classic `h(tag, props, ...children)` calls, not the automatic runtime: no jsx-runtime module,
  // and no `children:` key per element (172 B gzip less for the same components, measured).
  esbuild: { jsx: 'transform', jsxFactory: 'h', jsxFragment: 'Fragment', jsxInject: "import { h } from 'preact'", legalComments: 'none' },
};

const app = await build({
  ...shared,
  build: {
    outDir: here('./dist/sori'),
    emptyOutDir: true,
    target: 'es2022',
    minify: 'terser',
    // Preact's internal fields (`__k`, `__e`, …) and the lifecycle method names to short names
    // (about 140 B gzip). Safe because Preact and every component live in the app chunk (no
    // preact/hooks, no devtools), Preact reaches these only as properties (never by string), and
    // the locale chunks have none of them.
    terserOptions: { ...terserOptions, mangle: { properties: { regex: /^(__.*|componentWillMount|componentDidMount|componentWillUnmount|componentDidUpdate|componentWillReceiveProps|componentWillUpdate|getDerivedStateFromProps|getSnapshotBeforeUpdate|shouldComponentUpdate|componentDidCatch|getDerivedStateFromError|getChildContext|contextType|forceUpdate)$/ } } },
    rollupOptions: {
      input: { app: here('./src/app/index.ts'), en: here('./src/locales/en.ts'), ko: here('./src/locales/ko.ts') },
      preserveEntrySignatures: 'exports-only',
      output: { format: 'es', entryFileNames: '[name]-[hash].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
const outputs = (Array.isArray(app) ? app : [app]).flatMap((result) => ('output' in result ? result.output : []));
const entry = (name) => {
  const chunk = outputs.find((o) => o.type === 'chunk' && o.isEntry && o.name === name);
  if (!chunk) throw new Error(`the app build produced no "${name}" chunk`);
  return chunk.fileName;
};

await build({
  ...shared,
  define: {
    __SORI_APP__: JSON.stringify(entry('app')),
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
const sizes = widgetSizes(here('./dist'));
console.log(`widget: loader ${sizes.loader} B gzip (budget 2048); everything a shopper loads ${sizes.total} B gzip (budget 15360); chunks: ${sizes.chunks.join(', ')}`);
