import { isIP } from 'node:net';

/** `all` turns the check off; otherwise names (`.example.com` also allows its subdomains) allowed beside the built-in ones. */
export type AllowedHosts = readonly string[] | 'all';

/** Distinct Host values seen are few (one or two per machine); the cache keeps the check off the hot path. */
const CACHE_LIMIT = 64;

/**
 * The DNS-rebinding guard Vite calls `server.allowedHosts`: a page on evil.example whose name is made to resolve
 * to 127.0.0.1 reaches the mock with `Host: evil.example`, never with an IP literal or `localhost`, which a page
 * cannot claim. So IP literals, `localhost` and `*.localhost` always pass, other names only when allowed.
 * A request without a Host header (HTTP/1.0 tools) comes from no browser and passes.
 */
export function hostChecker(allowed: AllowedHosts): (host: string | undefined) => boolean {
  if (allowed === 'all') return () => true;
  const names = new Set(allowed.filter((name) => !name.startsWith('.')).map((name) => name.toLowerCase()));
  const domains = allowed.filter((name) => name.startsWith('.')).map((name) => name.toLowerCase());
  const cache = new Map<string, boolean>();
  const decide = (host: string): boolean => {
    const name = hostName(host);
    if (name === undefined) return false;
    if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || names.has(name)) return true;
    return domains.some((domain) => name === domain.slice(1) || name.endsWith(domain));
  };
  return (host) => {
    if (host === undefined) return true;
    let verdict = cache.get(host);
    if (verdict === undefined) {
      verdict = decide(host);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(host, verdict);
    }
    return verdict;
  };
}

/** `Example.com.:4010` → `example.com`, `[::1]:4010` → `::1`; undefined for anything not a host[:port]. */
export function hostName(host: string): string | undefined {
  const bracketed = /^\[([0-9a-f:.]+(?:%[\w.-]+)?)\](?::\d{1,5})?$/i.exec(host);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const plain = /^([a-z0-9_.-]+?)\.?(?::\d{1,5})?$/i.exec(host);
  return plain ? plain[1]!.toLowerCase() : undefined;
}

/** The 403 body naming the flag that allows the host. */
export function hostRefusal(host: string): { message: string } {
  const name = hostName(host) ?? host;
  return {
    message: `attrmock refuses Host ${JSON.stringify(host)}: only IP addresses, localhost and the names it was told may reach it (a web page can make any name point here). To serve this name, start with --allowed-hosts ${name} (repeatable; --allowed-hosts all turns the check off).`,
  };
}
