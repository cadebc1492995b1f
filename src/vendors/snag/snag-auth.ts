import { constantTimeFind } from '../../engine/constant-time-equals.js';
import { MockError } from '../../engine/errors.js';
import type { AuthContext } from '../../engine/vendor.js';
import type { SnagState } from './snag-state.js';
import type { SnagPrincipal } from './snag-types.js';

/** X-API-KEY, compared in constant time against every known key; a missing or unknown key is Snag's 403. */
export function authenticateSnag({ req, state }: AuthContext<SnagState>): SnagPrincipal {
  const presented = req.headers['x-api-key'] ?? '';
  const found = constantTimeFind(presented, state.apiKeys);
  if (presented && found) return found;
  throw new MockError({ kind: 'unauthenticated' });
}
