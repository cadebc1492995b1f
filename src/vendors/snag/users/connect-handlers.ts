import { MockError } from '../../../engine/errors.js';
import type { Handler } from '../../../engine/vendor.js';
import { resolveScope } from '../snag-scope.js';
import type { SnagState } from '../snag-state.js';
import type { SnagPrincipal } from '../snag-types.js';
import { findOrPlanUser, type UserNaming } from './find-or-create-user.js';

type SnagHandler = Handler<SnagState, SnagPrincipal>;

/**
 * Connects a wallet: without `userId`, the wallet's user (created if new), as a login would; with `userId`, that
 * user, when the wallet is its own. The mock keeps one wallet per user and checks no signature
 * (`verificationData`), so a second wallet for a user is refused with 400 rather than half-modelled.
 */
export const connectUser: SnagHandler = ({ body, state, principal, faker, now }) => {
  const input = body as UserNaming & { organizationId: string; websiteId: string };
  const scope = resolveScope(principal, input);
  const at = now().toISOString();
  const { user, create } = findOrPlanUser(state, scope, input, () => ({ id: faker.string.uuid(), organizationId: scope.organizationId, walletAddress: input.walletAddress, createdAt: at, updatedAt: at }));
  if (create) state.putUser(user);
  return { status: 200, body: { id: user.id, createdAt: user.createdAt, updatedAt: user.updatedAt, walletAddress: user.walletAddress ?? '' } };
};

/** The mock models no links between users, so there is nothing to undo: it checks the user and answers Success. */
export const disconnectUser: SnagHandler = ({ body, state, principal }) => {
  const input = body as { organizationId: string; websiteId: string; userId: string };
  const scope = resolveScope(principal, input);
  const user = state.users.get(input.userId);
  if (!user || user.organizationId !== scope.organizationId) throw new MockError({ kind: 'not_found', message: `userId ${input.userId}: user not found` });
  return { status: 200, body: { message: 'Success' } };
};
