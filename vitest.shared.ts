import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Workspace packages resolve to their sources in tests, so tests never run stale builds. */
export const alias = [
  { find: /^@sori\/protocol\/constants$/, replacement: here('./packages/protocol/src/constants.ts') },
  { find: /^@sori\/protocol$/, replacement: here('./packages/protocol/src/index.ts') },
  { find: /^@sori\/sdk$/, replacement: here('./packages/sdk/src/index.ts') },
  { find: /^@sori\/server$/, replacement: here('./packages/server/src/index.ts') },
];
