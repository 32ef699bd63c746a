// Workspace packages resolve to their sources in tests and in the widget's bundle, so neither
// runs stale builds and the widget bundles each module once.
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** @type {Array<{ find: RegExp, replacement: string }>} */
export const alias = [
  { find: /^@sori\/protocol\/constants$/, replacement: here('./packages/protocol/src/constants.ts') },
  { find: /^@sori\/protocol$/, replacement: here('./packages/protocol/src/index.ts') },
  { find: /^@sori\/sdk$/, replacement: here('./packages/sdk/src/index.ts') },
  { find: /^@sori\/server$/, replacement: here('./packages/server/src/index.ts') },
];
