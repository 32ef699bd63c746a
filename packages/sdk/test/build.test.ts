import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The chunks `pnpm --filter @sori/sdk build` makes, built in memory with the package's own config. */
async function chunks(): Promise<Rollup.OutputChunk[]> {
  const result = await build({ root, configFile: `${root}/vite.config.ts`, logLevel: 'silent', build: { write: false, sourcemap: false } });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  return outputs.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
}

describe('the build', () => {
  it('keeps the sender and the event stream out of dist/index.js, in one chunk that index.js loads only on demand', async () => {
    const built = await chunks();
    const entry = built.find((c) => c.isEntry);
    const holding = (file: string) => built.find((c) => Object.keys(c.modules).some((id) => id.endsWith(file)));
    const sync = holding('/src/sync-chunk.ts');
    expect(entry?.fileName).toBe('index.js');
    expect(sync?.fileName).toMatch(/^sync-chunk-[\w-]+\.js$/);
    expect(holding('/src/update-stream.ts')).toBe(sync);
    expect(holding('/src/sync-engine.ts')).toBe(sync);
    // Nothing else up front: the page loads index.js alone, and the sync chunk when it is needed.
    expect(entry?.imports).toEqual([]);
    expect([...new Set(entry?.dynamicImports)]).toEqual([sync?.fileName]);
    expect(entry?.code).not.toContain('EventSource');
    // The sender's own words (the expiry of what waited too long) are in the sync chunk.
    expect(entry?.code).not.toContain('expired');
    expect(built).toHaveLength(2);
  });
});
