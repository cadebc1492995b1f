import { MockError } from '../../../engine/errors.js';
import type { SnagScope } from '../snag-scope.js';
import type { SnagState } from '../snag-state.js';
import type { SnagUser } from '../snag-types.js';
import { isWalletAddress } from './wallet-address.js';

export interface UserNaming {
  walletAddress?: string;
  userId?: string;
}

/**
 * The user a request names, checked and not yet written: by `userId` (a user of the organization), else by
 * `walletAddress` (one wallet is one user, in any letter case of a hex address). `create` is set when the
 * wallet names no user yet, with the user to add once every other check has passed.
 */
export function findOrPlanUser(state: SnagState, scope: SnagScope, named: UserNaming, newUser: () => SnagUser): { user: SnagUser; create: boolean } {
  const { walletAddress, userId } = named;
  if (walletAddress !== undefined && !isWalletAddress(walletAddress)) {
    throw new MockError({ kind: 'validation', message: `walletAddress ${walletAddress} is not a wallet address` });
  }
  if (userId !== undefined) {
    const user = state.users.get(userId);
    if (!user || user.organizationId !== scope.organizationId) throw new MockError({ kind: 'not_found', message: `userId ${userId}: user not found` });
    const owner = walletAddress === undefined ? user : state.userWithWallet(scope.organizationId, walletAddress);
    if (owner !== user) throw new MockError({ kind: 'conflict', message: `walletAddress ${walletAddress} is not the wallet of user ${userId}` });
    return { user, create: false };
  }
  if (walletAddress === undefined) throw new MockError({ kind: 'validation', message: 'walletAddress is required' });
  const existing = state.userWithWallet(scope.organizationId, walletAddress);
  return existing ? { user: existing, create: false } : { user: newUser(), create: true };
}
