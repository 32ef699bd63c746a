// How long `pnpm start` takes to serve the widget's `/sori.js` when nothing changed since the last
// build (the figure: median of ROUNDS starts), and that a touched source file makes the next start
// rebuild that package, and only the packages built from it. Usage: pnpm bench:start  (ROUNDS=3)
//
// Each start runs on free ports against one SQLite file in a temporary folder (set up by the
// warm-up start, as a second `pnpm start` finds its `./data/sori.db`), and is stopped (its whole
// process group) once `/sori.js` answered 200. Beside each time: when the build check was done and
// when the demo printed that it runs, from the start's own output.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.env.ROUNDS ?? 3);
const GOAL_MS = 3000;
const dir = mkdtempSync(join(tmpdir(), 'sori-start-'));

/** A port nothing listens on now. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** Runs `pnpm start` until `/sori.js` answers 200; answers the time that took and what the start printed. */
async function start() {
  const [port, storePort] = [await freePort(), await freePort()];
  const started = Date.now();
  const child = spawn('pnpm', ['start'], {
    cwd: root,
    detached: true, // its own process group, so that stopping it stops the server it started too
    env: { ...process.env, PORT: String(port), STORE_PORT: String(storePort), DATABASE_URL: `sqlite:${join(dir, 'sori.db')}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const marks = {};
  child.stdout.on('data', (chunk) => {
    output += chunk;
    if (!marks.checked && /^build-if-stale: (nothing to build|built)/m.test(output)) marks.checked = Date.now() - started;
    if (!marks.running && output.includes('Sori is running')) marks.running = Date.now() - started;
  });
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pnpm start exited with ${child.exitCode}:\n${output}`);
      if (Date.now() - started > 180_000) throw new Error(`no /sori.js within 3 minutes:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/sori.js`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (ok) return { ms: Date.now() - started, output, marks };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

const built = (output) => [...output.matchAll(/^build-if-stale: (\S+) building$/gm)].map((m) => m[1]);

// Warm: whatever is stale now is built once, outside the figures.
const warm = await start();
console.log(`warm-up start: ${warm.ms} ms (built: ${built(warm.output).join(', ') || 'nothing'})`);

const times = [];
for (let i = 0; i < rounds; i++) {
  const { ms, output, marks } = await start();
  if (built(output).length) throw new Error(`a start with nothing changed built ${built(output).join(', ')}`);
  times.push(ms);
  console.log(`start ${i + 1}, nothing changed: /sori.js answered 200 after ${ms} ms (build check done at ${marks.checked} ms, "Sori is running" at ${marks.running} ms)`);
}

// A touched source file of the server (its time only: the content, and git, see no change).
const touched = join(root, 'packages/server/src/errors.ts');
const now = new Date();
utimesSync(touched, now, now);
const rebuilt = await start();
const rebuiltPackages = built(rebuilt.output);
console.log(`start after touching packages/server/src/errors.ts: ${rebuilt.ms} ms, built ${rebuiltPackages.join(', ') || 'nothing'}`);
if (rebuiltPackages.join() !== '@sori/server') throw new Error(`a touched server file should rebuild @sori/server alone, not: ${rebuiltPackages.join(', ') || 'nothing'}`);

const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
console.log(`start: median of ${rounds} starts ${median} ms from \`pnpm start\` to /sori.js with nothing changed; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(
  `summary ${JSON.stringify({
    bench: 'start',
    rows: [
      { figure: '`pnpm start` to `/sori.js`, nothing changed', value: `${(median / 1000).toFixed(2)} s`, goal: `≤ ${GOAL_MS / 1000} s`, met: median <= GOAL_MS },
      { figure: '`pnpm start` to `/sori.js`, one server source touched (rebuilds @sori/server alone)', value: `${(rebuilt.ms / 1000).toFixed(2)} s`, goal: '—', met: null },
    ],
  })}`,
);
rmSync(dir, { recursive: true, force: true });
