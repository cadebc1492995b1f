import type { SnagHandler } from '../snag-handler.js';
import { paginate } from '../paginate.js';
import { DEFAULT_LIMIT } from '../snag-attribute-handlers.js';
import { resolveScope, type SnagScope } from '../snag-scope.js';
import type { SnagState } from '../snag-state.js';
import type { SnagUser } from '../snag-types.js';
import { presentUser } from './present-user.js';

/** Query filters answered from the user's metadata in the website; their values must be equal (emails in any case). */
const METADATA_FILTERS = [
  'emailAddress', 'externalIdentifier', 'discordUser', 'twitterUser', 'telegramUserId', 'telegramUsername', 'steamUserId',
  'steamUsername', 'tiktokUser', 'userGroupId', 'userGroupExternalIdentifier',
] as const;
/** Filters on handles the mock never stores (no SDK call writes them): asked for, they match no user. */
const UNSTORED_FILTERS = ['redditUser', 'redditUserId'] as const;

export const listUsers: SnagHandler = ({ query, state, principal }) => {
  const scope = resolveScope(principal, query);
  const users = usersMatching(state, scope, query);
  const page = paginate(users, (query.limit as number | undefined) ?? DEFAULT_LIMIT, query.startingAfter as string | undefined);
  const withDelegations = query.includeDelegation === true;
  return { status: 200, body: { data: page.data.map((u) => presentUser(state, u, scope.websiteId, withDelegations)), hasNextPage: page.hasNextPage } };
};

/** `{totalCount}`: the users of the key's organization. */
export const countUsers: SnagHandler = ({ query, state, principal }) => {
  const scope = resolveScope(principal, query);
  return { status: 200, body: { totalCount: usersOf(state, scope.organizationId).length } };
};

/** The organization's users the query's filters all match, in creation order; a wallet filter reads the wallet index. */
function usersMatching(state: SnagState, scope: SnagScope, query: Record<string, unknown>): SnagUser[] {
  if (UNSTORED_FILTERS.some((name) => query[name] !== undefined)) return [];
  const wallets = [query.walletAddress, query.address].filter((w): w is string => typeof w === 'string');
  const ids = query.userId === undefined ? undefined : new Set(query.userId as string[]);
  const candidates = wallets.length > 0 ? [state.userWithWallet(scope.organizationId, wallets[0]!)] : usersOf(state, scope.organizationId);
  return candidates.filter(
    (u): u is SnagUser =>
      u !== undefined &&
      u.organizationId === scope.organizationId &&
      wallets.every((w) => state.userWithWallet(scope.organizationId, w) === u) &&
      (ids === undefined || ids.has(u.id)) &&
      metadataMatches(state, u, scope, query),
  );
}

function usersOf(state: SnagState, organizationId: string): SnagUser[] {
  return [...state.users.values()].filter((u) => u.organizationId === organizationId);
}

function metadataMatches(state: SnagState, user: SnagUser, scope: SnagScope, query: Record<string, unknown>): boolean {
  const asked = METADATA_FILTERS.filter((name) => query[name] !== undefined);
  if (asked.length === 0) return true;
  const fields = state.metadataOf(user.id, scope.websiteId)?.fields ?? {};
  return asked.every((name) => (name === 'emailAddress' ? String(fields[name] ?? '').toLowerCase() === String(query[name]).toLowerCase() : fields[name] === query[name]));
}
