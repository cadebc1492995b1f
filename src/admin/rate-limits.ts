import type { AnyVendorModule } from '../engine/vendor.js';

/**
 * `true` (a bare `--rate-limit`) → every vendor's documented limit (Snag: 250 requests per second per key);
 * `snag=250,looker=5` → those, counted per credential. Throws on anything else.
 */
export function parseRateLimits(value: string | true, vendors: readonly AnyVendorModule[]): Record<string, number> {
  if (value === true) {
    return Object.fromEntries(vendors.filter((v) => v.documentedRateLimit !== undefined).map((v) => [v.name, v.documentedRateLimit!]));
  }
  const names = vendors.map((v) => v.name);
  const limits: Record<string, number> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z0-9_-]+)=(\d+(?:\.\d+)?)$/i.exec(part);
    const vendor = match?.[1];
    const perSecond = Number(match?.[2]);
    if (!vendor || !(perSecond > 0)) throw new Error(`--rate-limit ${part}: write vendor=requestsPerSecond, e.g. snag=250`);
    if (!names.includes(vendor)) throw new Error(`--rate-limit ${part}: no vendor ${vendor}; served: ${names.join(', ')}`);
    limits[vendor] = perSecond;
  }
  return limits;
}
