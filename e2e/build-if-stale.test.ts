import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/build-if-stale.mjs', import.meta.url));

/**
 * A workspace of three packages laid out like Sori's (`pnpm-workspace.yaml`, `packages/*`), whose
 * builds write their `dist` and log each build in `builds.log`: `app` depends on `core`, `tools`
 * on nothing. `fails` in a package's folder makes its build fail.
 */
function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'sori-stale-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'fixture', private: true }));
  writeFileSync(join(root, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
  const build = [
    "import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';",
    "const name = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8'))).name;",
    "if (existsSync('fails')) process.exit(3);",
    "mkdirSync('dist', { recursive: true });",
    "writeFileSync('dist/out.js', 'built');",
    "appendFileSync('../../builds.log', name + '\\n');",
  ].join('\n');
  const pkg = (name: string, deps: Record<string, string> = {}) => {
    const dir = join(root, 'packages', name);
    mkdirSync(join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'test'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, type: 'module', scripts: { build: 'node build.mjs' }, dependencies: deps }));
    writeFileSync(join(dir, 'build.mjs'), build);
    writeFileSync(join(dir, 'src', 'index.ts'), `export const name = '${name}';\n`);
    writeFileSync(join(dir, 'test', 'index.test.ts'), '// a test\n');
  };
  pkg('app', { core: 'workspace:*' });
  pkg('core');
  pkg('tools');
  return root;
}

let root: string;
/** Runs the script in the workspace; answers the packages it built, in order, from their builds' own log. */
function run(...args: string[]): { built: string[]; status: number | null; output: string } {
  const log = join(root, 'builds.log');
  rmSync(log, { force: true });
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
  const built = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
  return { built, status: result.status, output: result.stdout + result.stderr };
}
/** Gives `path` a modification time of its own, later than any before: a touched file. */
let ticks = 0;
const touch = (path: string) => {
  const later = new Date(Date.now() + ++ticks * 2000);
  utimesSync(join(root, path), later, later);
};

beforeEach(() => {
  root = workspace();
  ticks = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build-if-stale (what `pnpm start` runs before starting)', { timeout: 120_000 }, () => {
  it('builds everything on a fresh checkout, dependencies first, and nothing on the next start', () => {
    expect(run()).toMatchObject({ status: 0, built: ['core', 'app', 'tools'] });
    const again = run();
    expect(again).toMatchObject({ status: 0, built: [] });
    expect(again.output).toContain('nothing to build');
  });

  it('rebuilds a touched package and the packages built from it, and no other', () => {
    run();
    touch('packages/core/src/index.ts');
    expect(run().built).toEqual(['core', 'app']);
    touch('packages/app/src/index.ts');
    expect(run().built).toEqual(['app']);
    expect(run().built).toEqual([]);
  });

  it('rebuilds for a changed package.json, an added or a removed source file, a new lockfile or a deleted dist; not for a test', () => {
    run();
    appendFileSync(join(root, 'packages/tools/src/index.ts'), 'export const more = 1;\n');
    expect(run().built).toEqual(['tools']);
    writeFileSync(join(root, 'packages/tools/src/extra.ts'), 'export {};\n');
    expect(run().built).toEqual(['tools']);
    rmSync(join(root, 'packages/tools/src/extra.ts'));
    expect(run().built).toEqual(['tools']);
    touch('packages/tools/package.json');
    expect(run().built).toEqual(['tools']);
    rmSync(join(root, 'packages/core/dist'), { recursive: true });
    expect(run().built).toEqual(['core']);
    touch('packages/app/test/index.test.ts');
    expect(run().built).toEqual([]);
    touch('pnpm-lock.yaml');
    expect(run().built).toEqual(['core', 'app', 'tools']);
  });

  it('stops at a failed build and tries it again on the next start', () => {
    writeFileSync(join(root, 'packages/core/fails'), '');
    const failed = run();
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain('the build of core failed');
    expect(failed.built).toEqual([]);
    rmSync(join(root, 'packages/core/fails'));
    expect(run().built).toEqual(['core', 'app', 'tools']);
  });

  it('takes a full build as up to date once stamped (`pnpm build` stamps after building)', () => {
    for (const name of ['core', 'app', 'tools']) execFileSync(process.execPath, ['build.mjs'], { cwd: join(root, 'packages', name) });
    expect(run('--stamp')).toMatchObject({ status: 0, built: [] });
    expect(run().built).toEqual([]);
  });
});
