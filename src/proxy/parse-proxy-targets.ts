/** `snag=https://admin.snagsolutions.io` (repeatable) → each vendor's upstream base URL; throws on anything unclear. */
export function parseProxyTargets(values: readonly string[], vendors: readonly string[]): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const vendor = value.slice(0, at).trim();
    const url = value.slice(at + 1).trim();
    if (at < 1 || !url) throw new Error(`--proxy wants VENDOR=URL, got "${value}"`);
    if (!vendors.includes(vendor)) throw new Error(`--proxy: unknown vendor "${vendor}" (known: ${vendors.join(', ')})`);
    if (vendor in targets) throw new Error(`--proxy: ${vendor} is given twice`);
    targets[vendor] = upstreamBase(url);
  }
  return targets;
}

/** The base URL as a string without a trailing slash; only http and https can be proxied to. */
export function upstreamBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--proxy: "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`--proxy: ${url} is not http or https`);
  if (parsed.search || parsed.hash) throw new Error(`--proxy: ${url} must have no query or fragment`);
  return parsed.toString().replace(/\/+$/, '');
}
