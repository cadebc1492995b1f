/** Polls `check` until it holds (an exception counts as not yet); throws after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean> | boolean, intervalMs = 20, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.resolve().then(check).catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
