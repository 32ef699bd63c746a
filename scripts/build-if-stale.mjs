// Builds the workspace's packages whose build is not up to date, in dependency order: what
// `pnpm start` runs, so that a start with nothing changed costs no build.
//
//   node scripts/build-if-stale.mjs           build what is stale (a fresh checkout: everything)
//   node scripts/build-if-stale.mjs --stamp   record every package as up to date (after `pnpm build`)
//
// A package's build is up to date when its `dist/.build-stamp` holds the fingerprint of its inputs
// now: the path, size and modification time of every file of the package (but `dist`, `test`,
// `bench` and `node_modules`), of the workspace packages it depends on (the widget bundles the
// SDK's sources; the server is compiled against the protocol's), and of the root's shared build
// files and lockfile. A file changed, touched, added or removed changes the fingerprint. The stamp
// is removed before a build and written after it succeeded, so a failed build is tried again.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const STAMP = '.build-stamp';
/** Root files every package's build reads (configuration shared by the builds, the installed dependencies). */
const SHARED = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json', 'terser-options.mjs', 'workspace-aliases.mjs'];
/** What a package holds that its build neither reads nor needs to be rebuilt for. */
const SKIPPED = new Set(['dist', 'node_modules', 'test', 'bench', '.turbo']);

/** The workspace's packages (the folders `pnpm-workspace.yaml` lists as `dir/*`), by name. */
function workspacePackages() {
  const globs = [...readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8').matchAll(/^\s*-\s*['"]?([^'"\s]+)\/\*['"]?\s*$/gm)].map((m) => m[1]);
  const packages = new Map();
  for (const parent of globs) {
    if (!existsSync(join(root, parent))) continue;
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      const dir = join(root, parent, entry.name);
      if (!entry.isDirectory() || !existsSync(join(dir, 'package.json'))) continue;
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
      packages.set(manifest.name, { name: manifest.name, dir, deps, build: Boolean(manifest.scripts?.build) });
    }
  }
  for (const pkg of packages.values()) pkg.deps = pkg.deps.filter((d) => packages.has(d));
  return packages;
}

/** The packages in an order where each comes after the workspace packages it depends on. */
function inDependencyOrder(packages) {
  const ordered = [];
  const seen = new Set();
  const visit = (pkg) => {
    if (seen.has(pkg.name)) return;
    seen.add(pkg.name);
    for (const dep of pkg.deps) visit(packages.get(dep));
    ordered.push(pkg);
  };
  for (const pkg of [...packages.values()].sort((a, b) => a.name.localeCompare(b.name))) visit(pkg);
  return ordered;
}

/** Every file under `dir` a build may read, as `[path, size, mtime]`. */
function files(dir, into = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files(path, into);
    else if (entry.isFile()) {
      const { size, mtimeMs } = statSync(path);
      into.push([relative(root, path), size, mtimeMs]);
    }
  }
  return into;
}

/** The fingerprint of what `pkg`'s build reads: its own files, its workspace dependencies' (transitively) and the shared root files. */
function fingerprint(pkg, packages) {
  const dirs = new Set();
  const collect = (p) => {
    if (dirs.has(p.dir)) return;
    dirs.add(p.dir);
    for (const dep of p.deps) collect(packages.get(dep));
  };
  collect(pkg);
  const inputs = [...dirs].flatMap((dir) => files(dir));
  for (const name of SHARED) {
    const path = join(root, name);
    if (existsSync(path)) inputs.push([name, statSync(path).size, statSync(path).mtimeMs]);
  }
  inputs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

const stampOf = (pkg) => join(pkg.dir, 'dist', STAMP);
const readStamp = (pkg) => (existsSync(stampOf(pkg)) ? readFileSync(stampOf(pkg), 'utf8').trim() : undefined);

const packages = workspacePackages();
const buildable = inDependencyOrder(packages).filter((pkg) => pkg.build);
const started = Date.now();

if (process.argv.includes('--stamp')) {
  for (const pkg of buildable) {
    if (!existsSync(join(pkg.dir, 'dist'))) continue;
    writeFileSync(stampOf(pkg), `${fingerprint(pkg, packages)}\n`);
  }
  process.exit(0);
}

const built = [];
for (const pkg of buildable) {
  const now = fingerprint(pkg, packages);
  if (readStamp(pkg) === now) {
    console.log(`build-if-stale: ${pkg.name} up to date`);
    continue;
  }
  console.log(`build-if-stale: ${pkg.name} building`);
  rmSync(stampOf(pkg), { force: true });
  const run = spawnSync('pnpm', ['run', 'build'], { cwd: pkg.dir, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`build-if-stale: the build of ${pkg.name} failed`);
    process.exit(run.status ?? 1);
  }
  // The fingerprint from before the build: a file changed while it ran makes the next start build again.
  mkdirSync(join(pkg.dir, 'dist'), { recursive: true });
  writeFileSync(stampOf(pkg), `${now}\n`);
  built.push(pkg.name);
}
console.log(`build-if-stale: ${built.length ? `built ${built.join(', ')}` : 'nothing to build'} in ${Date.now() - started} ms`);
