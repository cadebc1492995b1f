/** Polls `check` until it holds (an exception counts as not yet); throws after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean> | boolean, intervalMs = 20, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.resolve().then(check).catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The text of a --state-file snapshot and of its write-log segments beside it: everything attrmock has saved. */
export async function savedText(file: string): Promise<string> {
  const { readdir, readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const names = (await readdir(path.dirname(file))).filter((name) => name === path.basename(file) || name.startsWith(`${path.basename(file)}.log.`));
  const texts = await Promise.all(names.map((name) => readFile(path.join(path.dirname(file), name), 'utf8').catch(() => '')));
  return texts.join('\n');
}
