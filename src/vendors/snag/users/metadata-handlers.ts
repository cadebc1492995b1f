import type { SnagHandler } from '../snag-handler.js';
import { paginate } from '../paginate.js';
import { DEFAULT_LIMIT } from '../snag-attribute-handlers.js';
import { resolveScope } from '../snag-scope.js';
import type { SnagUserMetadata } from '../snag-types.js';
import { findOrCreateUser, type UserNaming } from './find-or-create-user.js';
import { pickMetadataFields } from './metadata-fields.js';
import { walletKey } from './wallet-address.js';

/**
 * Get-or-create the user by wallet (or name it by `userId`), then create or update its metadata in the website
 * with the fields given. Idempotent: the same call again changes only `updatedAt`. Every check comes before
 * the first write, so a refused call leaves no user behind.
 */
export const createUserMetadata: SnagHandler = ({ body, state, principal, faker, now }) => {
  const input = (body ?? {}) as UserNaming & { organizationId?: string; websiteId?: string } & Record<string, unknown>;
  const scope = resolveScope(principal, input);
  const at = now().toISOString();
  const user = findOrCreateUser(state, scope, input, faker, at);
  const existing = state.metadataOf(user.id, scope.websiteId);
  const fields = { ...existing?.fields, ...pickMetadataFields(input) };
  const metadata: SnagUserMetadata = existing
    ? { ...existing, fields, updatedAt: at }
    : { id: faker.string.uuid(), userId: user.id, ...scope, createdAt: at, updatedAt: at, fields };
  state.putMetadata(metadata);
  return { status: 200, body: presentCreated(metadata, user.walletAddress ?? '') };
};

/** `{data: [{id}], hasNextPage}`: the website's metadata records the filters match, in creation order. */
export const listUserMetadatas: SnagHandler = ({ query, state, principal }) => {
  const scope = resolveScope(principal, query);
  const wallet = typeof query.walletAddress === 'string' ? walletKey(query.walletAddress) : undefined;
  const search = typeof query.userSearch === 'string' ? query.userSearch.toLowerCase() : undefined;
  const matching = [...state.userMetadata.values()].filter((m) => {
    if (m.websiteId !== scope.websiteId) return false;
    if (query.userId !== undefined && m.userId !== query.userId) return false;
    if (query.externalIdentifier !== undefined && m.fields.externalIdentifier !== query.externalIdentifier) return false;
    const address = state.users.get(m.userId)?.walletAddress;
    if (wallet !== undefined && (address === undefined || walletKey(address) !== wallet)) return false;
    return search === undefined || searchable(m, address).some((text) => text.toLowerCase().includes(search));
  });
  const page = paginate(matching, (query.limit as number | undefined) ?? DEFAULT_LIMIT, query.startingAfter as string | undefined);
  return { status: 200, body: { data: page.data.map((m) => ({ id: m.id })), hasNextPage: page.hasNextPage } };
};

/** What `userSearch` looks in (the mock's judgement): the wallet, names, email and handles. */
function searchable(m: SnagUserMetadata, address: string | undefined): string[] {
  return [address, ...Object.values(m.fields)].filter((v): v is string => typeof v === 'string');
}

/** The SDK's MetadataCreateResponse. */
function presentCreated(m: SnagUserMetadata, walletAddress: string): Record<string, unknown> {
  const userGroupId = typeof m.fields.userGroupId === 'string' ? m.fields.userGroupId : null;
  const externalIdentifier = typeof m.fields.userGroupExternalIdentifier === 'string' ? m.fields.userGroupExternalIdentifier : null;
  return {
    id: m.id,
    createdAt: m.createdAt,
    organizationId: m.organizationId,
    websiteId: m.websiteId,
    user: { id: m.userId, walletAddress },
    userGroup: userGroupId ? { id: userGroupId, externalIdentifier } : null,
    userGroupId,
    walletGroupIdentifier: typeof m.fields.walletGroupIdentifier === 'string' ? m.fields.walletGroupIdentifier : null,
  };
}
