import { defineConfig } from 'vite';
import { terserOptions } from '../../terser-options.mjs';
import { alias } from '../../workspace-aliases.mjs';

/**
 * The SDK as one ES module minified by terser (settings in terser-options.mjs), with no externals:
 * `dist/index.js` (budget: 5 KB gzip). Built as
 * an app entry rather than in library mode, because library mode keeps whitespace in ES output.
 * Target ES2022, not ES2020: lowering the `#private` fields costs about 0.6 KB gzip in WeakMap helpers.
 */
export default defineConfig({
  resolve: { alias },
  build: {
    target: 'es2022',
    minify: 'terser',
    terserOptions,
    sourcemap: 'hidden',
    rollupOptions: {
      input: 'src/index.ts',
      preserveEntrySignatures: 'strict',
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
});
