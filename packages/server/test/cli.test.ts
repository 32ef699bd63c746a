import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { findUserByToken } from '../src/services/users.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sori-cli-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.db')}` };
const sori = (...args: string[]) => run(process.execPath, [cli, ...args], { env, timeout: 60_000 });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm sori', () => {
  it('is built (pnpm test builds first)', () => {
    expect(existsSync(cli), `${cli} is missing: run pnpm build`).toBe(true);
  });

  it('migrates, creates a site, a user and a token that the desk API accepts', { timeout: 120_000 }, async () => {
    expect((await sori('migrate')).stdout).toMatch(/applied: 0001-initial, 0002-notifications|up to date/);
    const site = await sori('site', 'create', '--name', 'CLI shop', '--origin', 'https://cli.example');
    expect(site.stdout).toMatch(/site key: pk_[A-Za-z0-9_-]+/);
    await sori('user', 'create', '--email', 'ops@cli.example', '--role', 'admin', '--password', 'cli password 1');
    const token = (await sori('token', 'create', '--user', 'ops@cli.example')).stdout.trim().split('\n').at(-1)!;
    const store = openDatabase(env.DATABASE_URL);
    try {
      expect(await findUserByToken(store.db, token)).toMatchObject({ email: 'ops@cli.example', role: 'admin' });
    } finally {
      await store.close();
    }
  });

  it('says what is wrong with a bad command line', { timeout: 120_000 }, async () => {
    const failure = await sori('site', 'create', '--name', 'No origin').catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('--origin is required');
    const bad = await sori('user', 'create', '--email', 'x@cli.example', '--role', 'boss', '--password', 'cli password 1').catch((error: { stderr: string }) => error);
    expect((bad as { stderr: string }).stderr).toContain('Role must be one of admin, agent');
  });
});
