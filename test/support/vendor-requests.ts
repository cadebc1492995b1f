import fc from 'fast-check';
import type { WireRequest } from './hardening-harness.js';
import { SNAG } from './snag-world.js';

/**
 * Valid requests for every operation of every vendor, drawn with fast-check from the seeded world's real ids
 * (fixtures/*.yaml): each one must get the operation's documented 2xx. Auth headers are added by the caller.
 */
export type RequestArbitraries = Record<string, fc.Arbitrary<WireRequest>>;

const text = fc.string({ maxLength: 40, unit: 'grapheme' });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Drops undefined entries so optional fields are really absent, not `"x": null` or `x=undefined`. */
function defined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
const query = (record: Record<string, string | string[] | undefined>) => defined(record) as Record<string, string | string[]>;
const int = (min: number, max: number) => fc.integer({ min, max }).map(String);

const SNAG_USERS = [SNAG.userId, SNAG.secondUserId];
const SNAG_ATTRIBUTES = [SNAG.tierAttributeId, SNAG.teamAttributeId];
const snagScope = fc.record({ websiteId: maybe(fc.constant<string>(SNAG.websiteId)), organizationId: maybe(fc.constant<string>(SNAG.organizationId)) });

export const snagRequests: RequestArbitraries = {
  listWebsiteUserAttributes: fc
    .record({ limit: maybe(int(1, 100)), startingAfter: maybe(fc.constantFrom(...SNAG_ATTRIBUTES)), scope: snagScope })
    .map(({ limit, startingAfter, scope }) => ({ method: 'GET', path: '/api/website_user_attributes', query: query({ limit, startingAfter, ...scope }) })),
  createWebsiteUserAttributes: fc
    .record({ data: fc.array(fc.record({ id: maybe(fc.oneof(fc.uuid({ version: 4 }), fc.constantFrom(...SNAG_ATTRIBUTES))), label: fc.string({ minLength: 1, maxLength: 40 }) }), { minLength: 1, maxLength: 4 }), scope: snagScope })
    .map(({ data, scope }) => ({ method: 'POST', path: '/api/website_user_attributes', body: defined({ data: data.map(defined), ...scope }) })),
  deleteWebsiteUserAttribute: fc
    .record({ id: fc.constantFrom(...SNAG_ATTRIBUTES), withBody: fc.boolean(), echo: fc.constantFrom('id', 'body_id', undefined) })
    .map(({ id, withBody, echo }) => ({
      method: 'DELETE',
      path: `/api/website_user_attributes/${id}`,
      body: withBody ? defined({ organizationId: SNAG.organizationId, websiteId: SNAG.websiteId, ...(echo ? { [echo]: id } : {}) }) : undefined,
    })),
  listWebsiteUserAttributeValues: fc
    .record({ userIds: fc.uniqueArray(fc.oneof(fc.constantFrom(...SNAG_USERS), fc.uuid({ version: 4 })), { minLength: 1, maxLength: 3 }), limit: maybe(int(1, 100)), scope: snagScope })
    .map(({ userIds, limit, scope }) => ({ method: 'GET', path: '/api/website_user_attributes/values', query: query({ userIds, limit, ...scope }) })),
  createWebsiteUserAttributeValues: fc
    .array(fc.record({ websiteUserAttributeId: fc.constantFrom(...SNAG_ATTRIBUTES), userId: fc.constantFrom(...SNAG_USERS), value: text }), { minLength: 1, maxLength: 4 })
    .map((data) => ({ method: 'POST', path: '/api/website_user_attributes/values', body: { data, websiteId: SNAG.websiteId, organizationId: SNAG.organizationId } })),
  ...snagUserRequests(),
};

/** The users operations: seeded wallets in any letter case, or new ones; seeded users, or ids nobody has. */
function snagUserRequests(): RequestArbitraries {
  const wallet = fc.oneof(fc.constantFrom(...SNAG.wallets).chain((w) => fc.constantFrom(w, w.toLowerCase(), `0x${w.slice(2).toUpperCase()}`)), fc.stringMatching(/^0x[0-9a-fA-F]{40}$/));
  const userId = fc.oneof(fc.constantFrom(...SNAG_USERS), fc.uuid({ version: 4 }));
  const both = { organizationId: SNAG.organizationId, websiteId: SNAG.websiteId };
  const filters = fc.record({ walletAddress: maybe(wallet), userId: maybe(fc.uniqueArray(userId, { minLength: 1, maxLength: 3 })), externalIdentifier: maybe(text), emailAddress: maybe(text), twitterUser: maybe(text) });
  const paging = fc.record({ limit: maybe(int(1, 100)), startingAfter: maybe(fc.constantFrom(...SNAG_USERS)) });
  return {
    // startingAfter names an item of the list, so it goes with the unfiltered list only.
    listUsers: fc
      .record({ page: fc.oneof(filters, paging), includeDelegation: maybe(fc.boolean().map(String)), scope: snagScope })
      .map(({ page, includeDelegation, scope }) => ({ method: 'GET', path: '/api/users', query: query({ ...page, includeDelegation, ...scope }) })),
    countUsers: fc.constant({ method: 'GET', path: '/api/users/count', query: both }),
    listUserMetadatas: fc
      .record({ userId: maybe(userId), walletAddress: maybe(wallet), externalIdentifier: maybe(text), userSearch: maybe(text), limit: maybe(int(1, 100)), scope: snagScope })
      .map(({ scope, ...q }) => ({ method: 'GET', path: '/api/users/metadatas', query: query({ ...q, ...scope }) })),
    createUserMetadata: fc
      .record({ walletAddress: wallet, displayName: maybe(fc.option(text, { nil: null })), emailAddress: maybe(text), isBlocked: maybe(fc.boolean()), twitterUserFollowersCount: maybe(fc.nat()), scope: snagScope })
      .map(({ scope, ...body }) => ({ method: 'POST', path: '/api/users/metadatas', body: defined({ ...body, ...scope }) })),
    connectUser: wallet.map((walletAddress) => ({ method: 'POST', path: '/api/users/connect', body: { walletAddress, walletType: 'evm', ...both } })),
    disconnectUser: fc.constantFrom(...SNAG_USERS).map((id) => ({ method: 'POST', path: '/api/users/disconnect', body: { userId: id, ...both } })),
  };
}

/** fixtures/lightdash.yaml: the Jaffle Shop organization that lightdash-dev-token (an admin) belongs to. */
export const LIGHTDASH = {
  token: 'lightdash-dev-token',
  members: ['b264d83a-9000-426a-85ec-3f9c20f368ce', '80fb8b59-d6b7-4ed6-b969-9849310f3e53', '2f0e6b1c-7d4a-4e8b-9c3d-5a6b7c8d9e0f', '6a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
  groups: ['1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b', '9d615ede-5758-4954-9fb9-2a07fc415ba5'],
  emails: ['demo@lightdash.com', 'viewer@lightdash.com', 'editor@lightdash.com', 'invited@lightdash.com'],
  attributes: ['5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a', '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d'],
} as const;

/** A CreateUserAttribute body whose name no seeded attribute uses, so the unique constraint holds. */
const lightdashBody = fc
  .record({
    name: fc.string({ maxLength: 30 }).map((s) => `prop ${s}`),
    description: maybe(text),
    attributeDefault: fc.option(text, { nil: null }),
    users: fc.uniqueArray(fc.constantFrom(...LIGHTDASH.members), { maxLength: 3 }).chain((uuids) => fc.tuple(...uuids.map((userUuid) => text.map((value) => ({ userUuid, value }))))),
    groups: fc.uniqueArray(fc.constantFrom(...LIGHTDASH.groups), { maxLength: 2 }).chain((uuids) => fc.tuple(...uuids.map((groupUuid) => text.map((value) => ({ groupUuid, value }))))),
  })
  .map(defined);
const pageNumber = maybe(int(1, 20));
/** A group name no seeded group holds, so the organization's unique name key holds. */
const groupName = fc.string({ maxLength: 30 }).map((s) => `team ${s}`);
const memberRefs = fc.uniqueArray(fc.constantFrom(...LIGHTDASH.members), { maxLength: 3 }).map((uuids) => uuids.map((userUuid) => ({ userUuid })));
const seededGroup = fc.constantFrom(...LIGHTDASH.groups);
const groupMember = fc.tuple(seededGroup, fc.constantFrom(...LIGHTDASH.members));

export const lightdashRequests: RequestArbitraries = {
  getUserAttributes: fc.constant({ method: 'GET', path: '/api/v1/org/attributes' }),
  createUserAttribute: lightdashBody.map((body) => ({ method: 'POST', path: '/api/v1/org/attributes', body })),
  updateUserAttribute: fc
    .tuple(fc.constantFrom(...LIGHTDASH.attributes), lightdashBody)
    .map(([uuid, body]) => ({ method: 'PUT', path: `/api/v1/org/attributes/${uuid}`, body })),
  removeUserAttribute: fc.constantFrom(...LIGHTDASH.attributes).map((uuid) => ({ method: 'DELETE', path: `/api/v1/org/attributes/${uuid}` })),
  ListOrganizationMembers: fc
    .record({ includeGroups: maybe(int(0, 10)), page: pageNumber, pageSize: pageNumber, searchQuery: maybe(text), projectUuid: maybe(fc.uuid()), googleOidcOnly: maybe(fc.boolean().map(String)) })
    .map((q) => ({ method: 'GET', path: '/api/v1/org/users', query: query(q) })),
  ListGroupsInOrganization: fc
    .record({ page: pageNumber, pageSize: pageNumber, includeMembers: maybe(int(0, 10)), searchQuery: maybe(text) })
    .map((q) => ({ method: 'GET', path: '/api/v1/org/groups', query: query(q) })),
  GetOrganizationMemberByUuid: fc.constantFrom(...LIGHTDASH.members).map((uuid) => ({ method: 'GET', path: `/api/v1/org/users/${uuid}` })),
  GetOrganizationMemberByEmail: fc.constantFrom(...LIGHTDASH.emails).map((email) => ({ method: 'GET', path: `/api/v1/org/users/email/${encodeURIComponent(email)}` })),
  CreateGroupInOrganization: fc
    .record({ name: groupName, members: maybe(memberRefs) })
    .map((body) => ({ method: 'POST', path: '/api/v1/org/groups', body: defined(body) })),
  getGroup: fc
    .record({ uuid: seededGroup, includeMembers: maybe(int(0, 10)), offset: maybe(int(0, 3)) })
    .map(({ uuid, ...q }) => ({ method: 'GET', path: `/api/v1/groups/${uuid}`, query: query(q) })),
  getGroupMembers: seededGroup.map((uuid) => ({ method: 'GET', path: `/api/v1/groups/${uuid}/members` })),
  updateGroup: fc
    .tuple(seededGroup, fc.record({ name: maybe(groupName), members: maybe(memberRefs) }))
    .map(([uuid, body]) => ({ method: 'PATCH', path: `/api/v1/groups/${uuid}`, body: defined(body) })),
  deleteGroup: seededGroup.map((uuid) => ({ method: 'DELETE', path: `/api/v1/groups/${uuid}` })),
  addUserToGroup: groupMember.map(([group, user]) => ({ method: 'PUT', path: `/api/v1/groups/${group}/members/${user}` })),
  removeUserFromGroup: groupMember.map(([group, user]) => ({ method: 'DELETE', path: `/api/v1/groups/${group}/members/${user}` })),
};

/** fixtures/looker.yaml ids; attributes 3 and 7 are plain string types any value suits. */
const LOOKER_USERS = ['1', '2', '3', '4', '5', '6', '7'];
const LOOKER_GROUPS = ['1', '2', '3', '4', '5'];
const LOOKER_ATTRIBUTES = ['1', '2', '3', '4', '5', '6', '7', '8'];
const STRING_ATTRIBUTES = ['3', '7'];
const fields = maybe(fc.subarray(['id', 'name', 'email', 'label', 'value', 'first_name', 'type'], { minLength: 1 }).map((f) => f.join(',')));
const sorts = maybe(fc.constantFrom('id', 'id desc', 'name', 'name desc', 'email', 'label asc'));
const paging = { page: maybe(int(1, 5)), per_page: maybe(int(1, 10)), limit: maybe(int(0, 10)), offset: maybe(int(0, 10)) };
const ids = (pool: string[]) => maybe(fc.subarray(pool, { minLength: 1 }).map((list) => list.join(',')));
const newName = fc.stringMatching(/^[a-z0-9_]{1,20}$/).map((s) => `p_${s}`);
const typedDefault = fc.oneof(
  fc.record({ type: fc.constant('string'), default_value: fc.option(text, { nil: null }) }),
  fc.record({ type: fc.constant('number'), default_value: fc.integer().map(String) }),
  fc.record({ type: fc.constant('yesno'), default_value: fc.constantFrom('yes', 'no') }),
  fc.record({ type: fc.constant('zipcode'), default_value: fc.constantFrom('12345', '12345-6789') }),
);

export const lookerRequests: RequestArbitraries = {
  login: fc
    .record({ which: fc.constantFrom<[string, string]>(['looker-dev-client-id', 'looker-dev-client-secret'], ['looker-analyst-client-id', 'looker-analyst-client-secret']), inQuery: fc.boolean() })
    .map(({ which: [client_id, client_secret], inQuery }) => ({
      method: 'POST',
      path: '/api/4.0/login',
      ...(inQuery ? { query: { client_id, client_secret } } : { form: { client_id, client_secret } }),
    })),
  logout: fc.constant({ method: 'DELETE', path: '/api/4.0/logout' }),
  me: fields.map((f) => ({ method: 'GET', path: '/api/4.0/user', query: query({ fields: f }) })),
  all_users: fc.record({ fields, sorts, ids: ids(LOOKER_USERS), ...paging }).map((q) => ({ method: 'GET', path: '/api/4.0/users', query: query(q) })),
  user: fc.tuple(fc.constantFrom(...LOOKER_USERS), fields).map(([id, f]) => ({ method: 'GET', path: `/api/4.0/users/${id}`, query: query({ fields: f }) })),
  all_groups: fc
    .record({ fields, sorts, ids: ids(LOOKER_GROUPS), can_add_to_content_metadata: maybe(fc.boolean().map(String)), ...paging })
    .map((q) => ({ method: 'GET', path: '/api/4.0/groups', query: query(q) })),
  group: fc.constantFrom(...LOOKER_GROUPS).map((id) => ({ method: 'GET', path: `/api/4.0/groups/${id}` })),
  all_user_attributes: fc.record({ fields, sorts }).map((q) => ({ method: 'GET', path: '/api/4.0/user_attributes', query: query(q) })),
  create_user_attribute: fc
    .record({ name: newName, label: fc.string({ minLength: 1, maxLength: 30 }).map((s) => `P ${s}`), typed: typedDefault, user_can_view: maybe(fc.boolean()), user_can_edit: maybe(fc.boolean()) })
    .map(({ typed, ...rest }) => ({ method: 'POST', path: '/api/4.0/user_attributes', body: defined({ ...rest, ...typed }) })),
  user_attribute: fc.tuple(fc.constantFrom(...LOOKER_ATTRIBUTES), fields).map(([id, f]) => ({ method: 'GET', path: `/api/4.0/user_attributes/${id}`, query: query({ fields: f }) })),
  update_user_attribute: fc
    .record({ id: fc.constantFrom('2', '3', '4', '5', '7', '8'), label: maybe(fc.string({ minLength: 1, maxLength: 30 }).map((s) => `P ${s}`)), user_can_view: maybe(fc.boolean()), user_can_edit: maybe(fc.boolean()) })
    .map(({ id, ...body }) => ({ method: 'PATCH', path: `/api/4.0/user_attributes/${id}`, body: defined(body) })),
  delete_user_attribute: fc.constantFrom('3', '4', '5', '6', '7', '8').map((id) => ({ method: 'DELETE', path: `/api/4.0/user_attributes/${id}` })),
  all_user_attribute_group_values: fc.constantFrom(...LOOKER_ATTRIBUTES).map((id) => ({ method: 'GET', path: `/api/4.0/user_attributes/${id}/group_values` })),
  set_user_attribute_group_values: fc
    .tuple(fc.constantFrom(...STRING_ATTRIBUTES), fc.uniqueArray(fc.constantFrom(...LOOKER_GROUPS), { maxLength: 4 }), fc.boolean())
    .chain(([id, groups, ranked]) =>
      fc.tuple(...groups.map((group_id, i) => text.map((value) => (ranked ? { group_id, value, rank: i + 1 } : { group_id, value })))).map((items) => ({
        method: 'POST',
        path: `/api/4.0/user_attributes/${id}/group_values`,
        body: items,
      })),
    ),
  user_attribute_user_values: fc
    .record({ user: fc.constantFrom(...LOOKER_USERS), fields, user_attribute_ids: ids(LOOKER_ATTRIBUTES), all_values: maybe(fc.boolean().map(String)), include_unset: maybe(fc.boolean().map(String)) })
    .map(({ user, ...q }) => ({ method: 'GET', path: `/api/4.0/users/${user}/attribute_values`, query: query(q) })),
  set_user_attribute_user_value: fc
    .tuple(fc.constantFrom(...LOOKER_USERS), fc.constantFrom('2', ...STRING_ATTRIBUTES), text)
    .map(([user, attribute, value]) => ({ method: 'PATCH', path: `/api/4.0/users/${user}/attribute_values/${attribute}`, body: { value } })),
  delete_user_attribute_user_value: fc
    .tuple(fc.constantFrom(...LOOKER_USERS), fc.constantFrom('2', '3', '4', '5', '6', '7', '8'))
    .map(([user, attribute]) => ({ method: 'DELETE', path: `/api/4.0/users/${user}/attribute_values/${attribute}` })),
  update_user_attribute_group_value: fc
    .tuple(fc.constantFrom(...LOOKER_GROUPS), fc.constantFrom(...STRING_ATTRIBUTES), text)
    .map(([group, attribute, value]) => ({ method: 'PATCH', path: `/api/4.0/groups/${group}/attribute_values/${attribute}`, body: { value } })),
  // A system attribute (1, email) has no group values to delete: that is a 403, not a valid request.
  delete_user_attribute_group_value: fc
    .tuple(fc.constantFrom(...LOOKER_GROUPS), fc.constantFrom(...LOOKER_ATTRIBUTES.filter((id) => id !== '1')))
    .map(([group, attribute]) => ({ method: 'DELETE', path: `/api/4.0/groups/${group}/attribute_values/${attribute}` })),
};

/** Memberships of fixtures/looker.yaml as [group, user]; roles 1, 3, 4 make no admin. */
const LOOKER_MEMBERSHIPS: Array<[string, string]> = [['1', '1'], ['1', '2'], ['1', '7'], ['2', '1'], ['3', '2'], ['3', '3'], ['3', '6'], ['4', '3'], ['4', '4'], ['5', '5']];
const OTHER_USERS = LOOKER_USERS.filter((id) => id !== '1');
const likePattern = maybe(fc.constantFrom('a%', '%e%', 'API', '_pi', '%example.com', 'IS NULL', 'NOT NULL'));
const bool = maybe(fc.boolean().map(String));
const newEmail = fc.stringMatching(/^[a-z0-9]{1,12}$/).map((s) => `${s}@new.example`);
const person = { first_name: maybe(text), last_name: maybe(text), locale: maybe(fc.constantFrom('en', 'fr', 'de_DE')), is_disabled: maybe(fc.boolean()) };

/** People, logins, roles, groups and sudo; user 8 (the test's newcomer) has no email login yet. */
const lookerPeopleRequests: RequestArbitraries = {
  search_users: fc
    .record({ fields, sorts, ...paging, id: ids(LOOKER_USERS), first_name: likePattern, last_name: likePattern, email: likePattern, is_disabled: bool, filter_or: bool, group_id: ids(LOOKER_GROUPS) })
    .map((q) => ({ method: 'GET', path: '/api/4.0/users/search', query: query(q) })),
  search_users_names: fc
    .record({ pattern: fc.constantFrom('%', 'a%', '%example.com', 'Api'), fields, sorts, ...paging, is_disabled: bool })
    .map(({ pattern, ...q }) => ({ method: 'GET', path: `/api/4.0/users/search/names/${encodeURIComponent(pattern)}`, query: query(q) })),
  create_user: fc.record(person).map((body) => ({ method: 'POST', path: '/api/4.0/users', body: defined(body) })),
  update_user: fc.tuple(fc.constantFrom(...OTHER_USERS), fc.record(person)).map(([id, body]) => ({ method: 'PATCH', path: `/api/4.0/users/${id}`, body: defined(body) })),
  delete_user: fc.constantFrom(...OTHER_USERS).map((id) => ({ method: 'DELETE', path: `/api/4.0/users/${id}` })),
  user_for_credential: fc
    .constantFrom(['email', 'api-admin@example.com'], ['email', 'API-ADMIN@example.com'], ['api3', 'looker-dev-client-id'], ['api3', 'looker-analyst-client-id'])
    .map(([type, id]) => ({ method: 'GET', path: `/api/4.0/users/credential/${type}/${encodeURIComponent(id!)}` })),
  create_user_credentials_email: newEmail.map((email) => ({ method: 'POST', path: '/api/4.0/users/8/credentials_email', body: { email } })),
  user_credentials_email: fc.constantFrom(...LOOKER_USERS).map((id) => ({ method: 'GET', path: `/api/4.0/users/${id}/credentials_email` })),
  update_user_credentials_email: fc.tuple(fc.constantFrom(...LOOKER_USERS), newEmail).map(([id, email]) => ({ method: 'PATCH', path: `/api/4.0/users/${id}/credentials_email`, body: { email } })),
  delete_user_credentials_email: fc.constantFrom(...LOOKER_USERS).map((id) => ({ method: 'DELETE', path: `/api/4.0/users/${id}/credentials_email` })),
  all_roles: fc.record({ fields, ids: ids(['1', '2', '3', '4']) }).map((q) => ({ method: 'GET', path: '/api/4.0/roles', query: query(q) })),
  user_roles: fc.constantFrom(...LOOKER_USERS).map((id) => ({ method: 'GET', path: `/api/4.0/users/${id}/roles` })),
  set_user_roles: fc
    .tuple(fc.constantFrom(...OTHER_USERS), fc.subarray(['1', '2', '3', '4']))
    .map(([id, roles]) => ({ method: 'PUT', path: `/api/4.0/users/${id}/roles`, body: roles })),
  search_groups: fc
    .record({ fields, sorts, limit: paging.limit, offset: paging.offset, id: ids(LOOKER_GROUPS), name: likePattern, filter_or: bool, externally_managed: bool })
    .map((q) => ({ method: 'GET', path: '/api/4.0/groups/search', query: query(q) })),
  create_group: fc.record({ name: newName, can_add_to_content_metadata: maybe(fc.boolean()) }).map((body) => ({ method: 'POST', path: '/api/4.0/groups', body: defined(body) })),
  update_group: fc
    .record({ id: fc.constantFrom(...LOOKER_GROUPS), name: maybe(newName), can_add_to_content_metadata: maybe(fc.boolean()) })
    .map(({ id, ...body }) => ({ method: 'PATCH', path: `/api/4.0/groups/${id}`, body: defined(body) })),
  delete_group: fc.constantFrom(...LOOKER_GROUPS).map((id) => ({ method: 'DELETE', path: `/api/4.0/groups/${id}` })),
  all_group_users: fc
    .record({ id: fc.constantFrom(...LOOKER_GROUPS), fields, sorts, ...paging })
    .map(({ id, ...q }) => ({ method: 'GET', path: `/api/4.0/groups/${id}/users`, query: query(q) })),
  add_group_user: fc.tuple(fc.constantFrom(...LOOKER_GROUPS), fc.constantFrom(...LOOKER_USERS)).map(([group, user_id]) => ({ method: 'POST', path: `/api/4.0/groups/${group}/users`, body: { user_id } })),
  delete_group_user: fc.constantFrom(...LOOKER_MEMBERSHIPS).map(([group, user]) => ({ method: 'DELETE', path: `/api/4.0/groups/${group}/users/${user}` })),
  login_user: fc.constantFrom('1', '2', '3', '4', '5', '6').map((id) => ({ method: 'POST', path: `/api/4.0/login/${id}` })),
};
Object.assign(lookerRequests, lookerPeopleRequests);

export const vendorRequests: Record<string, RequestArbitraries> = { snag: snagRequests, lightdash: lightdashRequests, looker: lookerRequests };
