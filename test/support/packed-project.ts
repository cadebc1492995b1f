import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const MODULES = path.join(ROOT, 'node_modules');

export interface PackedProject {
  dir: string;
  /** Runs node in the project (a script path or -e), resolving with its exit code and output. */
  run(args: string[], cwd?: string): Promise<{ code: number | null; output: string }>;
  remove(): void;
}

/**
 * A user's project with attrmock installed from the packed tarball: `npm pack`, extracted into
 * node_modules/attrmock, so only what `files` and `exports` publish can be reached. The third-party packages
 * come from this repository's node_modules (the registry is not needed twice), laid out as npm would: the
 * project's `express` is Express 4, attrmock keeps its own Express 5 nested below it. Needs `npm run build` first.
 */
export function packedProject(examples: string[]): PackedProject {
  if (!existsSync(path.join(ROOT, 'dist/src/index.js'))) throw new Error('dist is missing: run npm run build (npm test does)');
  const dir = mkdtempSync(path.join(tmpdir(), 'attrmock-packed-'));
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as Array<{ filename: string }>;
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  execFileSync('tar', ['-xzf', path.join(dir, filename), '-C', dir]);
  renameSync(path.join(dir, 'package'), path.join(modules, 'attrmock'));
  for (const name of readdirSync(MODULES)) {
    if (name.startsWith('.') || name === 'attrmock' || name === 'express' || name === 'express4') continue;
    symlinkSync(path.join(MODULES, name), path.join(modules, name));
  }
  symlinkSync(path.join(MODULES, 'express4'), path.join(modules, 'express'));
  mkdirSync(path.join(modules, 'attrmock/node_modules'));
  symlinkSync(path.join(MODULES, 'express'), path.join(modules, 'attrmock/node_modules/express'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'a-user-project', private: true, type: 'module' }));
  for (const example of examples) cpSync(path.join(ROOT, 'examples', example), path.join(dir, example), { recursive: true });
  return {
    dir,
    run: (args, cwd = dir) => runNode(args, cwd),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function runNode(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  // The outer vitest's worker variables would make an inner vitest think it is one of its workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TINYPOOL|NODE_OPTIONS)/.test(name)));
  const child = spawn(process.execPath, args, { cwd, env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}
