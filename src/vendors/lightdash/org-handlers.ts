import type { Handler } from '../../engine/vendor.js';
import { knexPaginate } from './knex-paginate.js';
import type { LightdashState } from './lightdash-state.js';
import type { Group, LightdashPrincipal } from './model.js';
import { groupMembers, groupSummary } from './groups/group-view.js';
import { memberProfile } from './members/member-profile.js';

type LightdashHandler = Handler<LightdashState, LightdashPrincipal>;

/** searchQuery is a case-insensitive match over the listed columns (a regex upstream; a plain substring here). */
function matches(query: unknown, ...columns: string[]): boolean {
  if (typeof query !== 'string' || query === '') return true;
  const needle = query.toLowerCase();
  return columns.some((column) => column.toLowerCase().includes(needle));
}

/** The list's GroupWithMembers (OrganizationService.listGroupsInOrganization caps memberUuids too). */
function listedGroupWithMembers(state: LightdashState, group: Group, limit: number): Record<string, unknown> {
  const count = Math.max(0, Math.floor(limit));
  return { ...groupSummary(group), memberUuids: group.memberUuids.slice(0, count), members: groupMembers(state, group).slice(0, count) };
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
    const items = groups.map((g) => (typeof limit === 'number' ? listedGroupWithMembers(state, g, limit) : groupSummary(g)));
    return { status: 200, body: { status: 'ok', results: knexPaginate(items, query.page, query.pageSize) } };
  },
};
