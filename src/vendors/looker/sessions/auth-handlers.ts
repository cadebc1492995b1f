import { constantTimeEquals } from '../../../engine/constant-time-equals.js';
import { MockError } from '../../../engine/errors.js';
import type { Handler } from '../../../engine/vendor.js';
import { signedIn } from '../authenticate.js';
import type { LookerState } from '../looker-state.js';
import type { ApiCredential, LookerPrincipal } from '../model.js';
import { issueToken } from './issue-token.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

/** Reads a credential from the form body first, then (deprecated) from the query. */
function credential(body: unknown, query: Record<string, unknown>, name: string): string | undefined {
  const fromBody = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const value = fromBody ?? query[name];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

/** POST /login: API3 client credentials for an AccessToken; unknown credentials get Looker's 404. */
export const login: LookerHandler = ({ body, query, state, now }) => {
  const clientId = credential(body, query, 'client_id');
  const clientSecret = credential(body, query, 'client_secret');
  // Every API3 key is compared, id and secret both, in constant time: timing tells nothing about either.
  let found: ApiCredential | undefined;
  for (const key of state.credentials.values()) {
    const idMatches = constantTimeEquals(clientId ?? '', key.client_id);
    const secretMatches = constantTimeEquals(clientSecret ?? '', key.client_secret);
    if (idMatches && secretMatches && clientId !== undefined && clientSecret !== undefined) found = key;
  }
  const user = found ? state.users.get(found.user_id) : undefined;
  if (!found || found.is_disabled || !user || user.is_disabled) {
    throw new MockError({ kind: 'unauthenticated', status: 404 });
  }
  return { status: 200, body: issueToken(state, user.id, now().getTime()) };
};

/** DELETE /logout: revokes the token the request carried; a sudo token goes, the admin's own stays. */
export const logout: LookerHandler = ({ principal, state }) => {
  const { token } = signedIn(principal);
  state.tokens.revoke(token);
  state.rateLimiter.forget(token);
  return { status: 204 };
};
