import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';

/** A console build of two files, as `pnpm --filter @sori/console build` lays it out. */
const dir = mkdtempSync(join(tmpdir(), 'sori-console-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sori console</title><script type="module" src="/console/assets/index-abc.js"></script>');
writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log("console")');
writeFileSync(join(dir, 'assets', 'index-abc.js.map'), '{}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the console', () => {
  const t = useTestApp('sqlite', { consoleDir: dir });

  it('is where / sends people, and answers its page for each of its own routes with a strict CSP', async () => {
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/console/');
    for (const url of ['/console/', '/console/submissions/abc', '/console/canned-replies']) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>Sori console</title>');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['cache-control']).toBe('no-store');
    }
  });

  it('caches its hashed files for a year and keeps the source maps to itself', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/console/assets/index-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject({ method: 'GET', url: '/console/assets/index-abc.js.map' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/console/assets/missing.js' })).json().error.code).toBe('not_found');
  });
});
