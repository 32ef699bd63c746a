import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('the SDK module', () => {
  it('imports without touching window, document, navigator or IndexedDB (server-side rendering)', async () => {
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

  it('exports exactly the public API', async () => {
    const sdk = await import('../src/index.js');
    expect(Object.keys(sdk).sort()).toEqual(['OUTBOX_LIMIT', 'OUTBOX_MAX_AGE_DAYS', 'SoriError', 'createSori', 'isHttpError', 'isSoriError']);
  });
});
