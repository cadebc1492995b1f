import type { SnagHandler } from '../snag-handler.js';
import { resolveScope } from '../snag-scope.js';
import { findOrCreateUser, userOfOrganization, type UserNaming } from './find-or-create-user.js';

/**
 * Connects a wallet: without `userId`, the wallet's user (created if new), as a login would; with `userId`, that
 * user, when the wallet is its own. The mock keeps one wallet per user and checks no signature
 * (`verificationData`), so a second wallet for a user is refused with 400 rather than half-modelled.
 */
export const connectUser: SnagHandler = ({ body, state, principal, faker, now }) => {
  const input = body as UserNaming & { organizationId: string; websiteId: string };
  const scope = resolveScope(principal, input);
  const user = findOrCreateUser(state, scope, input, faker, now().toISOString());
  return { status: 200, body: { id: user.id, createdAt: user.createdAt, updatedAt: user.updatedAt, walletAddress: user.walletAddress ?? '' } };
};

/** The mock models no links between users, so there is nothing to undo: it checks the user and answers Success. */
export const disconnectUser: SnagHandler = ({ body, state, principal }) => {
  const input = body as { organizationId: string; websiteId: string; userId: string };
  const scope = resolveScope(principal, input);
  userOfOrganization(state, scope, input.userId);
  return { status: 200, body: { message: 'Success' } };
};
