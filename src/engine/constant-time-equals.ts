import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented credential with a known one in time that depends on neither: both are hashed to 32
 * bytes first, so neither a shared prefix nor a difference in length shows in the timing.
 * `constantTimeEquals('snag-dev-key', 'snag-dev-key') === true`.
 */
export function constantTimeEquals(presented: string, known: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(known));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
