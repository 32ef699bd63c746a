import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    name: 'console',
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: 'http://localhost/console/' } },
    // The same base as the build (`import.meta.env.BASE_URL`), so routes and links in tests are
    // the ones the server serves.
    env: { BASE_URL: '/console/' },
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
  },
});
