import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The built server, as `node packages/server/dist/server.js` runs it in production. */
export const SERVER_JS = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
const PROTOCOL_JS = fileURLToPath(new URL('../../../protocol/dist/index.js', import.meta.url));

/** Fails with what to do when the server was not built (the root `pnpm test` builds first). */
export function assertBuilt(): void {
  for (const file of [PROTOCOL_JS, SERVER_JS]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "pnpm build" first (the root "pnpm test" does)`);
  }
}

/** A database of its own for one spawned server: a SQLite file in a temp folder, or a fresh PostgreSQL schema. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Makes a {@link ScratchDatabase} on `engine`. */
export async function scratchDatabase(engine: 'sqlite' | 'postgres'): Promise<ScratchDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sori-crash-'));
    return { url: `sqlite:${join(dir, 'sori.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env['SORI_TEST_DATABASE_URL'];
  if (!base) throw new Error('SORI_TEST_DATABASE_URL is not set');
  const schema = `crash_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => admin(`drop schema ${schema} cascade`) };
}

/** How a spawned server ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running `dist/server.js`. */
export interface ServerProcess {
  base: string;
  child: ChildProcess;
  exited: Promise<Exit>;
  /** The last of what it printed, for failure messages. */
  output(): string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `dist/server.js` on `databaseUrl` and a free port of 127.0.0.1, and waits until `/readyz` answers 200. */
export async function startServer(databaseUrl: string, timeoutMs = 90_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_JS], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let gone: Exit | undefined;
  void exited.then((exit) => (gone = exit));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`the server exited (${JSON.stringify(gone)}) before it was ready:\n${printed}`);
    const ready = await fetch(`${base}/readyz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ready) return { base, child, exited, output: () => printed };
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready in ${timeoutMs} ms:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Kills a server that a failed test left running; a no-op once it exited. */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}
