import { defineProject } from 'vitest/config';
import { alias } from '../vitest.shared.js';

export default defineProject({
  resolve: { alias },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One Chromium at a time: the machine has two cores.
    fileParallelism: false,
  },
});
