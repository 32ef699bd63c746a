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

describe('pnpm sori for site owners', () => {
  it('lists, shows and updates a site, naming what it refuses', { timeout: 180_000 }, async () => {
    await sori('site', 'create', '--name', 'Owner shop', '--origin', 'https://owner.example');
    const line = (await sori('site', 'list')).stdout.split('\n').find((l) => l.includes('Owner shop'))!;
    const [id, , key] = line.split('\t');
    expect(key).toMatch(/^pk_/);
    const updated = await sori('site', 'update', '--site', id!, '--add-origin', 'https://www.owner.example', '--settings', '{"routing":{"byKind":{"complaint":"customer_service"}}}');
    expect(updated.stdout).toContain('https://owner.example, https://www.owner.example');
    const shown = JSON.parse((await sori('site', 'show', '--site', key!)).stdout) as { settings: unknown };
    expect(shown.settings).toEqual({ routing: { byKind: { complaint: 'customer_service' } } });

    const failures: unknown[] = [];
    for (const args of [
      ['site', 'update', '--site', id!, '--add-origin', 'nonsense'],
      ['site', 'update', '--site', id!, '--remove-origin', 'https://owner.example', '--remove-origin', 'https://www.owner.example'],
      ['site', 'update', '--site', id!, '--settings', '{"slaMinutes":{"complaint":0}}'],
      ['site', 'update', '--site', id!, '--settings', 'not json'],
      ['site', 'show'],
    ]) {
      failures.push(await sori(...args).catch((error: { code: number; stderr: string }) => error));
    }
    expect(failures.map((f) => (f as { code: number }).code)).toEqual([2, 2, 2, 2, 2]);
    const stderr = failures.map((f) => (f as { stderr: string }).stderr);
    expect(stderr[0]).toContain('--add-origin');
    expect(stderr[1]).toContain('--confirm-no-origins');
    expect(stderr[2]).toContain('--settings slaMinutes.complaint');
    expect(stderr[3]).toContain('--settings must be JSON');
    expect(stderr[4]).toContain('--site is required');
  });

  it('lists, disables, enables users and resets a password; lists and revokes tokens', { timeout: 180_000 }, async () => {
    await sori('user', 'create', '--email', 'agent@cli.example', '--role', 'agent', '--password', 'agent password 1');
    const token = (await sori('token', 'create', '--user', 'agent@cli.example', '--name', 'ci')).stdout.trim().split('\n').at(-1)!;
    const store = openDatabase(env.DATABASE_URL);
    try {
      expect((await sori('user', 'list')).stdout).toMatch(/agent@cli\.example\tagent\t-\t\S+\tactive/);
      await sori('user', 'disable', '--user', 'agent@cli.example');
      expect(await findUserByToken(store.db, token)).toBeUndefined();
      expect((await sori('user', 'list')).stdout).toMatch(/agent@cli\.example\t.*\tdisabled/);
      await sori('user', 'enable', '--user', 'agent@cli.example');
      expect(await findUserByToken(store.db, token)).toMatchObject({ email: 'agent@cli.example' });
      expect((await sori('user', 'password', '--user', 'agent@cli.example')).stdout).toMatch(/setup_/);

      const listed = (await sori('token', 'list', '--user', 'agent@cli.example')).stdout.trim().split('\n');
      expect(listed).toHaveLength(1);
      const [tokenId, name, owner] = listed[0]!.split('\t');
      expect([name, owner]).toEqual(['ci', 'agent@cli.example']);
      await sori('token', 'revoke', '--id', tokenId!);
      expect(await findUserByToken(store.db, token)).toBeUndefined();
    } finally {
      await store.close();
    }
    const missing = await sori('user', 'disable', '--user', 'nobody@cli.example').catch((error: { stderr: string }) => error);
    expect((missing as { stderr: string }).stderr).toContain('nobody@cli.example');
    const noId = await sori('token', 'revoke').catch((error: { stderr: string }) => error);
    expect((noId as { stderr: string }).stderr).toContain('--id is required');
  });
});
