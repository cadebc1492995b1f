/** `--name value` pairs of the bench-only entry scripts. */
export function entryArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (!key?.startsWith('--') || value === undefined) throw new Error(`expected --name value pairs, got ${argv.slice(2).join(' ')}`);
    out[key.slice(2)] = value;
  }
  return out;
}
