import { RATE_LIMIT_ENV as LOOKER_RATE_LIMIT_ENV } from '../vendors/looker/index.js';

/**
 * Limits the vendors publish, which a bare `--rate-limit` turns on: Snag allows 250 requests per second
 * (https://docs.snagsolutions.io/api-reference/rate-limits). Counted per API key, per session.
 */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = { snag: 250 };

/**
 * Vendors that already limit per access token in their own state (Looker's RateLimiter, off unless its fixture
 * or this variable sets a rate). Their number goes to that setting instead of a second, generic limiter.
 */
export const VENDOR_OWN_RATE_LIMITS: Readonly<Record<string, string>> = { looker: LOOKER_RATE_LIMIT_ENV };

/** `true` (bare flag) → the documented limits; `snag=250,looker=5` → those. Throws on anything else. */
export function parseRateLimits(value: string | true, vendors: readonly string[]): Record<string, number> {
  if (value === true) return { ...DOCUMENTED_RATE_LIMITS };
  const limits: Record<string, number> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z0-9_-]+)=(\d+(?:\.\d+)?)$/i.exec(part);
    const vendor = match?.[1];
    const perSecond = Number(match?.[2]);
    if (!vendor || !(perSecond > 0)) throw new Error(`--rate-limit ${part}: write vendor=requestsPerSecond, e.g. snag=250`);
    if (!vendors.includes(vendor)) throw new Error(`--rate-limit ${part}: no vendor ${vendor}; served: ${vendors.join(', ')}`);
    limits[vendor] = perSecond;
  }
  return limits;
}

/**
 * Hands each vendor that limits itself its number (through its own setting) and returns the limits left for
 * attrmock's generic limiter. Changes the environment, so only the CLI, which owns its process, calls it.
 */
export function routeRateLimits(limits: Record<string, number>, env: NodeJS.ProcessEnv = process.env): Record<string, number> {
  const generic: Record<string, number> = {};
  for (const [vendor, perSecond] of Object.entries(limits)) {
    const variable = VENDOR_OWN_RATE_LIMITS[vendor];
    if (variable) env[variable] = String(perSecond);
    else generic[vendor] = perSecond;
  }
  return generic;
}
