import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** What `npm pack` would put in the tarball (package.json "files" plus npm's own), without building or packing. */
function shippedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [pack] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return pack!.files.map((file) => file.path);
}

// Paths of the machine a file was written on: home folders, this checkout, the shared work folders.
const LOCAL_PATHS = [/\/home\/[\w.-]+\//, /\/Users\/[\w.-]+\//, /[A-Z]:\\Users\\/, /\/work\/(shared|wt|main)\b/, /\/tmp\/[\w.-]+/];

describe('what the package ships', () => {
  it('names no local path of the machine it was built on', () => {
    const files = shippedFiles();
    expect(files).toContain('specs/looker.oas.yaml');
    const needles = [...LOCAL_PATHS, new RegExp(escape(ROOT)), new RegExp(escape(os.homedir() + path.sep))];
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const needle of needles) {
        const match = needle.exec(text);
        if (match) found.push(`${file}: ${match[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
