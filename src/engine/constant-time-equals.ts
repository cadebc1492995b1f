import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented credential with a known one in time that depends on neither: both are hashed to 32
 * bytes first, so neither a shared prefix nor a difference in length shows in the timing.
 * `constantTimeEquals('snag-dev-key', 'snag-dev-key') === true`.
 */
export function constantTimeEquals(presented: string, known: string): boolean {
  return timingSafeEqual(sha256(presented), knownDigest(known));
}

/**
 * The entry whose credential equals `presented`, after comparing it with every one (no early exit, so the
 * timing does not show which entry matched or how many there are before it).
 */
export function constantTimeFind<T>(presented: string, entries: Iterable<readonly [string, T]>): T | undefined {
  const digest = sha256(presented);
  let found: T | undefined;
  for (const [known, value] of entries) if (timingSafeEqual(digest, knownDigest(known))) found = value;
  return found;
}

/**
 * Known credentials are hashed once, not on every request: hashing was ~5 % of a request's CPU. The cache is
 * emptied when it grows past its bound, so credentials created and dropped over a long run cannot pile up.
 */
const knownDigests = new Map<string, Buffer>();
const MAX_KNOWN_DIGESTS = 10_000;

function knownDigest(known: string): Buffer {
  let digest = knownDigests.get(known);
  if (digest === undefined) {
    if (knownDigests.size >= MAX_KNOWN_DIGESTS) knownDigests.clear();
    digest = sha256(known);
    knownDigests.set(known, digest);
  }
  return digest;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
