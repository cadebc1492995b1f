import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};

/** The scripts npm runs for the root package, in order, for `npm ci` and for `npm <name>` (npm's lifecycle docs). */
const LIFECYCLE: Record<string, string[]> = {
  ci: ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'],
  start: ['prestart', 'start', 'poststart'],
  test: ['pretest', 'test', 'posttest'],
};

/** Every command a lifecycle runs, `npm run x` expanded into x's own lifecycle. */
function commands(event: string): string[] {
  return LIFECYCLE[event]!.flatMap((name) => expand(pkg.scripts[name]));
}

function expand(script: string | undefined): string[] {
  if (script === undefined) return [];
  return script.split('&&').map((part) => part.trim()).flatMap((part) => {
    const called = /^npm run ([\w:-]+)$/.exec(part)?.[1];
    return called ? [...expand(pkg.scripts[`pre${called}`]), ...expand(pkg.scripts[called]), ...expand(pkg.scripts[`post${called}`])] : [part];
  });
}

const compiles = (list: string[]) => list.filter((command) => /^tsc\b/.test(command) && !command.includes('--noEmit')).length;

describe("the README's commands", () => {
  it.each([['start'], ['test']])('`npm ci && npm %s` compiles the TypeScript once', (event) => {
    expect(compiles([...commands('ci'), ...commands(event)])).toBe(1);
  });

  it('`npm pack` still builds dist/ first', () => {
    expect(compiles([...expand(pkg.scripts.prepack), ...expand(pkg.scripts.prepare)])).toBe(1);
  });

  it('`npm ci` meets no dependency install script that allowScripts leaves undecided (npm 11 warns of those)', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([where]) => where.split('node_modules/').at(-1)!);
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(pkg.allowScripts ?? {}, name).toHaveProperty([name]);
  });
});

describe('attrmock --version', () => {
  it("prints the package's version", async () => {
    for (const flag of ['--version', '-V']) expect((await run(process.execPath, [CLI, flag])).stdout.trim()).toBe(pkg.version);
  });
});
