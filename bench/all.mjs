// `pnpm bench`: every benchmark in turn, one after another on an otherwise idle machine, then one
// table of their figures. `pnpm bench -- intake console` runs only those named.
//
// Each benchmark is a script of its own (also runnable alone, e.g. `pnpm bench:intake`) that ends
// with a `summary {...}` line (bench/summary.mjs); this collects those lines.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseSummaries } from './summary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BENCHES = [
  { name: 'intake', script: 'packages/server/bench/intake.mjs', what: 'durable intake against a bare Fastify route, SQLite and PostgreSQL' },
  { name: 'fanout', script: 'packages/server/bench/fanout.mjs', what: 'one bulk change reaching 5,000 open event streams; the reconnect storm' },
  { name: 'backlog', script: 'bench/backlog.mjs', what: 'a 500-submission offline backlog in Chromium, reconnect → all accepted' },
  { name: 'bytes', script: 'bench/bytes.mjs', what: 'widget and SDK bytes, gzip -9' },
  { name: 'console', script: 'bench/console.mjs', what: 'the console in Chromium: first page, open, change of view, bulk' },
  { name: 'analysis', script: 'bench/analysis.mjs', what: 'the analysis screen’s first figures on 100,000 submissions' },
  { name: 'start', script: 'bench/start.mjs', what: '`pnpm start` to the first /sori.js with nothing changed' },
];

const wanted = process.argv.slice(2).filter((a) => a !== '--');
const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const machine = () => `load average ${loadavg().map((n) => n.toFixed(2)).join(' / ')} (1 / 5 / 15 min), ${availableParallelism()} cores`;

/** Runs one benchmark, echoing its output, and answers what it printed and how it ended. */
function run(script) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code, signal) => resolve({ output, code, signal }));
  });
}

const started = Date.now();
console.log(`pnpm bench: ${machine()}`);
const table = [];
for (const bench of BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  console.log(`\n=== ${bench.name}: ${bench.what} (node ${bench.script}) ===`);
  if (!existsSync(`${root}/${bench.script}`)) {
    table.push({ bench: bench.name, figure: '—', value: 'no such benchmark in this checkout', goal: '', met: null });
    continue;
  }
  const t0 = Date.now();
  const { output, code, signal } = await run(bench.script);
  const summaries = parseSummaries(output);
  for (const { rows } of summaries) for (const row of rows) table.push({ bench: bench.name, ...row });
  if (code !== 0) table.push({ bench: bench.name, figure: '—', value: `failed (${signal ?? `exit ${code}`}); see its output above`, goal: '', met: false });
  else if (summaries.length === 0) table.push({ bench: bench.name, figure: '—', value: 'printed no summary line', goal: '', met: null });
  console.log(`=== ${bench.name} took ${((Date.now() - t0) / 1000).toFixed(0)} s ===`);
}

const mark = (met) => (met === true ? 'yes' : met === false ? 'no' : '—');
console.log(`\n## pnpm bench, ${new Date().toISOString()}\n\n| bench | figure | value | goal | met |\n|---|---|---|---|---|`);
for (const r of table) console.log(`| ${r.bench} | ${r.figure} | ${r.value} | ${r.goal} | ${mark(r.met)} |`);
console.log(`\n${((Date.now() - started) / 60_000).toFixed(1)} min in all; ${machine()}`);
process.exitCode = table.some((r) => r.value.startsWith('failed')) ? 1 : 0;
