import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'e2e/vitest.config.ts'],
    // The JSON report is what `.ci/run` reads to print its closing count.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
