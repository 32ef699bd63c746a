// Builds the widget: the app chunk (ES module, hashed name) first, then the loader (a classic
// script) that knows the chunk's name. Prints the gzip sizes the budgets are about.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { alias } from '../../workspace-aliases.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const shared = {
  configFile: false,
  logLevel: 'warn',
  resolve: { alias },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
};

const app = await build({
  ...shared,
  build: {
    outDir: here('./dist/sori'),
    emptyOutDir: true,
    target: 'es2022',
    minify: 'esbuild',
    rollupOptions: {
      input: here('./src/app/index.ts'),
      preserveEntrySignatures: 'exports-only',
      output: { format: 'es', entryFileNames: 'app-[hash].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
const outputs = (Array.isArray(app) ? app : [app]).flatMap((result) => ('output' in result ? result.output : []));
const entry = outputs.find((o) => o.type === 'chunk' && o.isEntry);
if (!entry) throw new Error('the app build produced no entry chunk');

await build({
  ...shared,
  define: { __SORI_APP__: JSON.stringify(entry.fileName) },
  build: {
    outDir: here('./dist'),
    emptyOutDir: false,
    target: 'es2020',
    minify: 'esbuild',
    lib: { entry: here('./src/loader/index.ts'), formats: ['iife'], name: 'SoriLoader', fileName: () => 'sori.js' },
  },
});

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const loader = gz(here('./dist/sori.js'));
const chunks = readdirSync(here('./dist/sori')).filter((f) => f.endsWith('.js'));
const total = loader + chunks.reduce((n, f) => n + gz(here(`./dist/sori/${f}`)), 0);
console.log(`widget: loader ${loader} B gzip (budget 2048), everything ${total} B gzip (budget 15360), app chunks: ${chunks.join(', ')}`);
