import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('server-side rendering', () => {
  it('imports without touching window, document, navigator or IndexedDB', async () => {
    const touched: string[] = [];
    for (const name of ['window', 'document', 'navigator', 'indexedDB', 'localStorage', 'BroadcastChannel']) {
      // Any property read on these during import is recorded.
      vi.stubGlobal(name, new Proxy({}, { get: (_target, key) => (touched.push(`${name}.${String(key)}`), undefined) }));
    }
    vi.resetModules();
    const sdk = await import('../src/index.js');
    expect(typeof sdk.createSori).toBe('function');
    expect(touched).toEqual([]);
  });
});
