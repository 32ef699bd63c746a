import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: { name: 'widget', environment: 'happy-dom', include: ['test/**/*.test.{ts,tsx}'] },
});
