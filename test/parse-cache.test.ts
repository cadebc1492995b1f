import { chmod, chown, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWithCache } from '../src/engine/parse-cache.js';

let work: string;
let cacheDir: string;
let source: string;
const saved = process.env.ATTRMOCK_CACHE_DIR;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'attrmock-cache-test-'));
  cacheDir = path.join(work, 'cache');
  source = path.join(work, 'fixture.yaml');
  await writeFile(source, 'apiKeys: [snag-dev-key]\n');
  process.env.ATTRMOCK_CACHE_DIR = cacheDir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.ATTRMOCK_CACHE_DIR;
  else process.env.ATTRMOCK_CACHE_DIR = saved;
});

/** Parses the source through the cache, counting how often it really had to parse. */
async function parse(): Promise<{ value: unknown; parsed: boolean }> {
  let parsed = false;
  const value = await parseWithCache(source, 'fixture', (text) => {
    parsed = true;
    return { apiKeys: [text.includes('snag-dev-key') ? 'snag-dev-key' : '?'] };
  });
  return { value, parsed };
}

/** Makes the cached entry say what an attacker would like the server to believe. */
async function plant(): Promise<void> {
  const [name] = await readdir(cacheDir);
  const file = path.join(cacheDir, name!);
  const entry = JSON.parse(await readFile(file, 'utf8'));
  entry.value = { apiKeys: ['snag-dev-key', 'planted-key'] };
  await writeFile(file, JSON.stringify(entry));
}

describe('the parse cache', () => {
  it('lives in a folder only its user may enter (0700), with entries only its user may read (0600), and is used', async () => {
    expect((await parse()).parsed).toBe(true);
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
    const [name] = await readdir(cacheDir);
    expect((await stat(path.join(cacheDir, name!))).mode & 0o777).toBe(0o600);
    expect(await parse()).toEqual({ value: { apiKeys: ['snag-dev-key'] }, parsed: false });
  });

  it('is not trusted in a folder others may write (a shared temp folder), so a planted entry is never read', async () => {
    await parse();
    await plant();
    await chmod(cacheDir, 0o777);
    expect(await parse()).toEqual({ value: { apiKeys: ['snag-dev-key'] }, parsed: true });
  });

  it.runIf(process.getuid?.() === 0)('is not trusted in a folder someone else owns', async () => {
    await parse();
    await plant();
    await chown(cacheDir, 65534, 65534);
    expect(await parse()).toEqual({ value: { apiKeys: ['snag-dev-key'] }, parsed: true });
  });

  it('checks an entry before use: one others may write, or made for other content, is parsed afresh', async () => {
    await parse();
    await plant();
    const [name] = await readdir(cacheDir);
    await chmod(path.join(cacheDir, name!), 0o666);
    expect((await parse()).parsed).toBe(true);
    // An entry whose key is another content's (copied over this one's name) is passed over too.
    const entry = JSON.parse(await readFile(path.join(cacheDir, name!), 'utf8'));
    entry.key = 'another-content';
    await writeFile(path.join(cacheDir, name!), JSON.stringify(entry));
    await chmod(path.join(cacheDir, name!), 0o600);
    expect((await parse()).parsed).toBe(true);
  });
});
