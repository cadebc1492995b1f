import { timingSafeEqual } from 'node:crypto';
import { MockError } from '../../engine/errors.js';
import type { AuthContext } from '../../engine/vendor.js';
import type { SnagState } from './snag-state.js';
import type { SnagPrincipal } from './snag-types.js';

/** X-API-KEY, compared in constant time against every known key; a missing or unknown key is Snag's 403. */
export function authenticateSnag({ req, state }: AuthContext<SnagState>): SnagPrincipal {
  const presented = req.headers['x-api-key'];
  if (presented) {
    const given = Buffer.from(presented);
    let found: SnagPrincipal | undefined;
    for (const [key, principal] of state.apiKeys) {
      const known = Buffer.from(key);
      if (known.length === given.length && timingSafeEqual(known, given)) found = principal;
    }
    if (found) return found;
  }
  throw new MockError({ kind: 'unauthenticated' });
}
