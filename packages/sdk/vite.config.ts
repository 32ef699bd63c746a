import { defineConfig } from 'vite';
import { alias } from '../../vitest.shared.js';

/**
 * The SDK as one minified ES module with idb inside: `dist/index.js`. Built as an app entry rather
 * than in library mode, because library mode keeps whitespace in ES output.
 */
export default defineConfig({
  resolve: { alias },
  build: {
    target: 'es2022',
    minify: 'esbuild',
    sourcemap: 'hidden',
    rollupOptions: {
      input: 'src/index.ts',
      preserveEntrySignatures: 'strict',
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
});
