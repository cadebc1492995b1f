import type { Faker } from '@faker-js/faker';
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
 * The user a request names: by `userId` (a user of the organization), else by `walletAddress` (one wallet is one
 * user, in any letter case of a hex address), created when the wallet is new. It checks everything before it
 * writes, so a refused request leaves no user behind.
 */
export function findOrCreateUser(state: SnagState, scope: SnagScope, named: UserNaming, faker: Faker, at: string): SnagUser {
  const { walletAddress, userId } = named;
  if (walletAddress !== undefined && !isWalletAddress(walletAddress)) {
    throw new MockError({ kind: 'validation', message: `walletAddress ${walletAddress} is not a wallet address` });
  }
  if (userId !== undefined) {
    const user = userOfOrganization(state, scope, userId);
    const owner = walletAddress === undefined ? user : state.userWithWallet(scope.organizationId, walletAddress);
    if (owner !== user) throw new MockError({ kind: 'conflict', message: `walletAddress ${walletAddress} is not the wallet of user ${userId}` });
    return user;
  }
  if (walletAddress === undefined) throw new MockError({ kind: 'validation', message: 'walletAddress is required' });
  const existing = state.userWithWallet(scope.organizationId, walletAddress);
  if (existing) return existing;
  const user: SnagUser = { id: faker.string.uuid(), organizationId: scope.organizationId, walletAddress, createdAt: at, updatedAt: at };
  state.putUser(user);
  return user;
}

/** The organization's user with that id; any other id is Snag's 400 naming the field (Snag documents no 404). */
export function userOfOrganization(state: SnagState, scope: SnagScope, userId: string): SnagUser {
  const user = state.users.get(userId);
  if (!user || user.organizationId !== scope.organizationId) throw new MockError({ kind: 'not_found', message: `userId ${userId}: user not found` });
  return user;
}
