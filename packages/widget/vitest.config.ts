import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared.js';

export default defineProject({
  // One Preact for the components and @testing-library/preact, whichever copy pnpm linked each to
  // (two copies share no hook state).
  resolve: { alias, dedupe: ['preact'] },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  // Inlined, so that the dedupe above applies to it too (Node would resolve its own copy).
  test: { name: 'widget', environment: 'happy-dom', include: ['test/**/*.test.{ts,tsx}'], server: { deps: { inline: ['@testing-library/preact'] } } },
});
