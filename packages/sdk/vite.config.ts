import { defineConfig } from 'vite';
import { terserOptions } from '../../terser-options.mjs';
import { alias } from '../../workspace-aliases.mjs';

/**
 * The SDK as ES modules minified by terser (settings in terser-options.mjs), with no externals:
 * `dist/index.js`, the entry, holds everything a page needs up front; the reporter's event stream
 * is a chunk of its own (`update-stream-[hash].js`), loaded by `import()` once there is an
 * accepted submission (see src/lazy-stream.ts).
 *
 * - Library mode: an app build would wrap that `import()` in Vite's preload helper (it adds
 *   `<link rel=modulepreload>` for CSS and chunk dependencies, of which the SDK has none).
 * - `allow-extension`: the chunk imports the shared code (request, backoff, …) from `index.js`
 *   itself, which for that gets a few more exports under short internal names. They are no API
 *   (the package's types come from src/index.ts); `strict` would instead split the entry into a
 *   re-exporting facade and a second file that every page loads.
 * - Target ES2022, not ES2020: lowering the `#private` fields costs about 0.6 KB gzip in WeakMap helpers.
 */
export default defineConfig({
  resolve: { alias },
  build: {
    target: 'es2022',
    minify: 'terser',
    terserOptions,
    sourcemap: 'hidden',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
    rollupOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: { chunkFileNames: '[name]-[hash].js' },
    },
  },
});
