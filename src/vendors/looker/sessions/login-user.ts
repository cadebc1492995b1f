import { MockError } from '../../../engine/errors.js';
import type { Handler } from '../../../engine/vendor.js';
import type { LookerState } from '../looker-state.js';
import type { LookerPrincipal } from '../model.js';
import { findUser } from '../users/user-records.js';
import { issueToken } from './issue-token.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

/**
 * POST /login/{user_id} (admin only, see permissions.ts): a new token acting as the user — `me`, permissions and
 * values are then theirs — with no API key made for them. DELETE /logout with it revokes that token alone, which
 * is how sdk-node's authSession.logout() ends a sudo and carries on as the API user. A disabled user cannot log
 * in, so cannot be impersonated either (403, the mock's judgement).
 */
export const loginUser: LookerHandler = ({ state, params, now }) => {
  const user = findUser(state, params.user_id);
  if (user.is_disabled) throw new MockError({ kind: 'forbidden', status: 403, message: 'A disabled user cannot be logged in as.' });
  return { status: 200, body: issueToken(state, user.id, now().getTime()) };
};
