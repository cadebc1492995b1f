import { constantTimeEquals } from '../../engine/constant-time-equals.js';
import { MockError } from '../../engine/errors.js';
import type { AuthContext } from '../../engine/vendor.js';
import type { SnagState } from './snag-state.js';
import type { SnagPrincipal } from './snag-types.js';

/** X-API-KEY, compared in constant time against every known key; a missing or unknown key is Snag's 403. */
export function authenticateSnag({ req, state }: AuthContext<SnagState>): SnagPrincipal {
  const presented = req.headers['x-api-key'] ?? '';
  let found: SnagPrincipal | undefined;
  for (const [key, principal] of state.apiKeys) if (constantTimeEquals(presented, key)) found = principal;
  if (presented && found) return found;
  throw new MockError({ kind: 'unauthenticated' });
}
