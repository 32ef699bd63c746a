import { defineConfig } from 'vite';
import { alias } from '../../vitest.shared.js';

/** The SDK as one ES module with idb inside: `dist/index.js`. */
export default defineConfig({
  resolve: { alias },
  build: {
    target: 'es2020',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
    minify: 'esbuild',
    sourcemap: true,
  },
});
