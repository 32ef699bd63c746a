import { defineProject } from 'vitest/config';
import { alias } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias },
  test: {
    name: 'server',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // A timeout only tells a hung test from a slow one: on a loaded 2-core machine a test that
    // builds an app on PostgreSQL and waits on the notifier can take several seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
