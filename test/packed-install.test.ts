import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let consumer: string | undefined;

afterAll(async () => {
  if (consumer) await rm(consumer, { recursive: true, force: true });
});

/**
 * What a user gets from `npm pack` + `npm install attrmock-x.tgz` in another project. Slow (an install), so it is
 * one test; where npm cannot pack or install here it is skipped, loudly, except under CI=true, where it must run.
 */
describe('attrmock installed from its packed tarball', () => {
  it('answers --version and runs `attrmock contract --target prism` with the Prism it depends on', async (ctx) => {
    if (!existsSync(path.join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run npm run build (npm test does)');
    consumer = await mkdtemp(path.join(tmpdir(), 'attrmock-consumer-'));
    let tarball: string;
    try {
      // dist/ is already built by `pretest`; --ignore-scripts keeps prepack from compiling it a second time.
      await run(NPM, ['pack', '--ignore-scripts', '--pack-destination', consumer], { cwd: ROOT });
      tarball = path.join(consumer, (await readdir(consumer)).find((name) => name.endsWith('.tgz'))!);
      await writeFile(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
      await run(NPM, ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: consumer, timeout: 300_000 });
    } catch (error) {
      const why = `npm could not pack or install here: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`;
      if (process.env.CI === 'true') throw new Error(why);
      console.warn(`SKIPPED the packed-install test: ${why}`);
      return ctx.skip();
    }
    const bin = path.join(consumer, 'node_modules', '.bin', 'attrmock');
    const version = await run(bin, ['--version'], { cwd: consumer });
    expect(version.stdout.trim()).toBe(JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))).version);
    const contract = await run(bin, ['contract', '--target', 'prism'], { cwd: consumer, timeout: 180_000 }).catch((error: { stdout: string; stderr: string }) => error);
    expect(contract.stderr).toBe('');
    expect(contract.stdout.trim().split('\n').at(-1)).toMatch(/^PASS {2}\d+ passed, 0 failed, \d+ skipped of \d+ steps {2}\(lightdash@prism, looker@prism, snag@prism\)$/);
  }, 400_000);
});
