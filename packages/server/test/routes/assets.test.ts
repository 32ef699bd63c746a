import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helpers.js';

/** A widget build in miniature: the loader and one chunk, each with its .gz and .br beside it. */
function widgetBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sori-widget-'));
  mkdirSync(join(dir, 'sori'));
  const files = { 'sori.js': 'console.log("loader");'.repeat(20), 'sori/app-abc123.js': 'export const mount = () => 1;'.repeat(20) };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(text));
  }
  return dir;
}

describe('the widget files, /sori.js and /sori/*', () => {
  let ctx: TestContext;
  let dir: string;
  beforeAll(async () => {
    dir = widgetBuild();
    ctx = await buildTestApp('sqlite', { widgetDir: dir });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const path of ['/sori.js', '/sori/app-abc123.js']) {
    it(`sends ${path} as the precompressed file the browser accepts, or plain`, async () => {
      const gzip = await ctx.app.inject({ url: path, headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.statusCode).toBe(200);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
      expect(gunzipSync(gzip.rawPayload).toString()).toMatch(/loader|mount/);

      const br = await ctx.app.inject({ url: path, headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(gunzipSync(gzip.rawPayload).toString());

      const plain = await ctx.app.inject({ url: path, headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(gunzipSync(gzip.rawPayload).toString());
      expect(plain.headers['access-control-allow-origin']).toBe('*');
      // Unlike the API's answers, these are meant to be cached: the loader for minutes, hashed chunks for a year.
      expect(plain.headers['cache-control']).toBe(path === '/sori.js' ? 'public, max-age=300' : 'public, max-age=31536000, immutable');
    });
  }
});
