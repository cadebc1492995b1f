import type { Handler } from '../../engine/vendor.js';
import { knexPaginate } from './knex-paginate.js';
import type { LightdashState } from './lightdash-state.js';
import type { Group, LightdashPrincipal, Member } from './model.js';

type LightdashHandler = Handler<LightdashState, LightdashPrincipal>;

/** searchQuery is a case-insensitive match over the listed columns (a regex upstream; a plain substring here). */
function matches(query: unknown, ...columns: string[]): boolean {
  if (typeof query !== 'string' || query === '') return true;
  const needle = query.toLowerCase();
  return columns.some((column) => column.toLowerCase().includes(needle));
}

function memberProfile(state: LightdashState, member: Member, withGroups: boolean): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    userUuid: member.userUuid,
    email: member.email,
    firstName: member.firstName,
    lastName: member.lastName,
    organizationUuid: member.organizationUuid,
    role: member.role,
    isActive: member.isActive,
    isInviteExpired: member.isInviteExpired ?? false,
    isPending: member.isPending ?? false,
    userCreatedAt: member.userCreatedAt,
    userUpdatedAt: member.userUpdatedAt,
  };
  if (withGroups) profile.groups = state.groupsOfMember(member.userUuid).map((g) => ({ uuid: g.uuid, name: g.name }));
  return profile;
}

function groupSummary(group: Group): Record<string, unknown> {
  const { memberUuids: _members, ...summary } = group;
  return { ...summary };
}

function groupWithMembers(state: LightdashState, group: Group, limit: number): Record<string, unknown> {
  const memberUuids = group.memberUuids.slice(0, Math.max(0, Math.floor(limit)));
  const members = memberUuids.map((uuid) => state.member(uuid)!).map((m) => ({ userUuid: m.userUuid, email: m.email, firstName: m.firstName, lastName: m.lastName }));
  return { ...groupSummary(group), memberUuids, members };
}

/** The organization listings clients use to discover the uuids attribute values refer to. */
export const orgHandlers: Record<string, LightdashHandler> = {
  ListOrganizationMembers: ({ state, principal, query }) => {
    const includeGroups = typeof query.includeGroups === 'number' && query.includeGroups > 0 ? query.includeGroups : 0;
    // googleOidcOnly keeps users with a Google login; nobody in the mock has one. projectUuid is not modelled.
    let members = query.googleOidcOnly === true ? [] : state.membersOf(principal.organizationUuid).filter((m) => matches(query.searchQuery, m.firstName, m.lastName, m.email, m.role));
    const paginated = Boolean(query.page && query.pageSize);
    // Upstream applies .limit(includeGroups) to the member query; a page's limit replaces it.
    if (includeGroups && !paginated) members = members.slice(0, Math.floor(includeGroups));
    const results = knexPaginate(members.map((m) => memberProfile(state, m, includeGroups > 0)), query.page, query.pageSize);
    return { status: 200, body: { status: 'ok', results } };
  },

  ListGroupsInOrganization: ({ state, principal, query }) => {
    const groups = state.groupsOf(principal.organizationUuid).filter((g) => matches(query.searchQuery, g.name));
    const limit = query.includeMembers;
    const items = groups.map((g) => (typeof limit === 'number' ? groupWithMembers(state, g, limit) : groupSummary(g)));
    return { status: 200, body: { status: 'ok', results: knexPaginate(items, query.page, query.pageSize) } };
  },
};
