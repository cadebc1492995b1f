import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../src/engine/load-spec.js';
import { startMock } from '../src/index.js';
import { packageRoot } from '../src/package-root.js';
import { failingCli } from './support/spawn-cli.js';

/** ~26 KB of YAML whose aliases expand to 10^9 nodes: the "billion laughs" of YAML. */
function aliasBomb(): string {
  const lines = ['openapi: 3.0.3', 'info: { title: bomb, version: "1" }', 'paths: {}', 'x-bomb:', '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level < 10; level++) lines.push(`  a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
  let text = lines.join('\n') + '\n';
  for (let i = 0; text.length < 26_000; i++) text += `  pad${i}: *a9\n`;
  return text;
}

describe('a spec with a YAML alias bomb', () => {
  it('is refused at once with the alias limit named, instead of expanding for minutes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'attrmock-bomb-'));
    const file = path.join(dir, 'bomb.oas.yaml');
    await writeFile(file, aliasBomb());
    await expect(loadSpec(file)).rejects.toThrow(/alias/i);
  }, 20_000);
});

describe('a broken fixture file', () => {
  it('is reported with its file name and what to do, not only the parser line', async () => {
    const fixturesDir = await mkdtemp(path.join(tmpdir(), 'attrmock-fixtures-'));
    await cp(path.join(packageRoot(), 'fixtures'), fixturesDir, { recursive: true });
    const file = path.join(fixturesDir, 'snag.yaml');
    const text = await readFile(file, 'utf8');
    // A key written twice, as a hand edit does: "Map keys must be unique".
    await writeFile(file, text.replace(/^(\w+):/m, '$1: {}\n$1:'));
    const error = await startMock({ port: 0, logLevel: 'silent', fixturesDir }).then(
      async (mock) => (await mock.close(), undefined),
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/Map keys must be unique/);
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(/Fix the file there/);
  });

  it('is named by the CLI as well', async () => {
    const fixturesDir = await mkdtemp(path.join(tmpdir(), 'attrmock-fixtures-'));
    await cp(path.join(packageRoot(), 'fixtures'), fixturesDir, { recursive: true });
    await writeFile(path.join(fixturesDir, 'looker.yaml'), 'users: [\n');
    const { code, output } = await failingCli(['--fixtures', fixturesDir]);
    expect(code).not.toBe(0);
    expect(output).toContain(path.join(fixturesDir, 'looker.yaml'));
    expect(output).toMatch(/Fix the file there/);
  });
});
