import { MockError } from '../../engine/errors.js';
import type { AuthContext } from '../../engine/vendor.js';
import type { LookerState } from './looker-state.js';
import type { LookerPrincipal } from './model.js';
import { authorizeOperation, isAdmin } from './permissions.js';

/** `Authorization: token X` (Looker's documented form) or `Bearer X` (what @looker/sdk-node sends). */
const AUTHORIZATION = /^(?:token|bearer)\s+(\S+)\s*$/i;

/**
 * Finds the caller's live access token, applies the per-token rate limit and refuses a non-admin the
 * admin-only operations. Operations the spec marks `security: []` (login) need no token and get a null principal.
 */
export function authenticateLooker({ req, op, state, now }: AuthContext<LookerState>): LookerPrincipal {
  if (op.security.length === 0) return null;
  const match = AUTHORIZATION.exec(req.headers.authorization ?? '');
  const token = match?.[1];
  const nowMs = now().getTime();
  const record = token ? state.tokens.find(token, nowMs) : undefined;
  if (!token || !record || !state.users.has(record.user_id)) throw new MockError({ kind: 'unauthenticated' });
  const limit = state.settings.requestsPerSecond;
  if (limit !== null) {
    const retryAfterSeconds = state.rateLimiter.hit(token, nowMs, limit);
    if (retryAfterSeconds !== null) throw new MockError({ kind: 'rate_limited', retryAfterSeconds });
  }
  const principal = { userId: record.user_id, token, admin: isAdmin(state, record.user_id) };
  authorizeOperation(op, principal);
  return principal;
}

/** For handlers of operations that need a token: the principal, which authenticate has already checked. */
export function signedIn(principal: LookerPrincipal): { userId: string; token: string; admin: boolean } {
  if (!principal) throw new MockError({ kind: 'unauthenticated' });
  return principal;
}
