import { defineConfig } from 'vite';
import { terserOptions } from '../../terser-options.mjs';
import { alias } from '../../workspace-aliases.mjs';
import { printSizes } from './sizes.mjs';

/**
 * The console as a single-page app served by the server at `/console/`: `dist/index.html` and
 * hashed files under `dist/assets/`. The signed-in screens are lazy chunks, so the sign-in page
 * pays only for itself (budget: 60 KB gzip -9 before sign-in); `printSizes` prints each file's
 * gzip -9 size and the two sums after the build.
 */
export default defineConfig({
  base: '/console/',
  resolve: { alias },
  // The same JSX transform as the tests and the type checker (tsconfig: react-jsx, preact).
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
  plugins: [printSizes()],
  build: {
    target: 'es2022',
    minify: 'terser',
    terserOptions,
    sourcemap: 'hidden',
    // The sizes plugin prints what matters; Vite's own report would repeat it without gzip -9.
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
