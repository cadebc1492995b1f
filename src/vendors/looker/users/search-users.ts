import type { Handler } from '../../../engine/vendor.js';
import { pageRecords, sortRecords } from '../list-query.js';
import type { LookerState } from '../looker-state.js';
import type { LookerPrincipal, LookerUser } from '../model.js';
import { callerIsAdmin } from '../permissions.js';
import { booleanFilter, combineFilters, idListFilter, likeFilter, type Filter } from '../search-filters.js';
import { requestedFields, trimFields } from '../trim-fields.js';
import { userAsSeenBy } from './user-records.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;
type Query = Record<string, unknown>;

/** A user's full name as full_name matches it: "First Last". */
function fullName(user: LookerUser): string {
  return [user.first_name, user.last_name].filter((part) => part).join(' ');
}

const text = (value: unknown): value is string => typeof value === 'string';
const bool = (value: unknown): value is boolean => typeof value === 'boolean';

/**
 * The filters of a user search. email, is_disabled, verified_looker_employee, can_manage_api3_creds and
 * is_service_account are "limited to users with permission to view complete user details": a non-admin's are
 * passed over (the mock's judgement of "limited"), so they learn nothing from what a filter leaves out.
 */
function userFilters(state: LookerState, query: Query, admin: boolean): Array<Filter<LookerUser>> {
  const filters: Array<Filter<LookerUser>> = [];
  if (text(query.id)) filters.push(idListFilter(query.id, (u) => u.id));
  if (text(query.first_name)) filters.push(likeFilter(query.first_name, (u) => u.first_name));
  if (text(query.last_name)) filters.push(likeFilter(query.last_name, (u) => u.last_name));
  if (text(query.full_name)) filters.push(likeFilter(query.full_name, fullName));
  if (text(query.group_id)) {
    const groups = query.group_id;
    filters.push((u) => state.groupIdsOf(u.id).some((id) => idListFilter<string>(groups, (g) => g)(id)));
  }
  // No embed users, Looker employees or service accounts live in the mock's world.
  if (bool(query.embed_user)) filters.push(() => query.embed_user === false);
  if (!admin) return filters;
  if (text(query.email)) filters.push(likeFilter(query.email, (u) => u.email));
  if (bool(query.is_disabled)) filters.push(booleanFilter(query.is_disabled, (u) => u.is_disabled));
  if (bool(query.verified_looker_employee)) filters.push(() => query.verified_looker_employee === false);
  if (bool(query.is_service_account)) filters.push(() => query.is_service_account === false);
  if (bool(query.can_manage_api3_creds)) filters.push(booleanFilter(query.can_manage_api3_creds, (u) => u.role_ids.some((r) => state.settings.adminRoleIds.includes(r))));
  return filters;
}

function answer(state: LookerState, users: LookerUser[], query: Query, principal: LookerPrincipal) {
  const records = users.map((u) => userAsSeenBy(state, u, principal));
  return { status: 200, body: trimFields(pageRecords(sortRecords(records, query.sorts), query), requestedFields(query)) };
}

/** GET /users/search: every filter of the spec, ANDed or (filter_or) ORed, then sorted and paged. */
export const searchUsers: LookerHandler = ({ state, query, principal }) => {
  const matches = combineFilters(userFilters(state, query, callerIsAdmin(principal)), query.filter_or === true);
  return answer(state, [...state.users.values()].filter(matches), query, principal);
};

/** GET /users/search/names/{pattern}: first_name, last_name or email match the pattern; other filters ANDed. */
export const searchUsersNames: LookerHandler = ({ state, params, query, principal }) => {
  const pattern = String(params.pattern);
  const byName = combineFilters<LookerUser>(
    [likeFilter(pattern, (u) => u.first_name), likeFilter(pattern, (u) => u.last_name), likeFilter(pattern, (u) => u.email)],
    true,
  );
  const others = combineFilters(userFilters(state, query, callerIsAdmin(principal)), false);
  return answer(state, [...state.users.values()].filter((u) => byName(u) && others(u)), query, principal);
};
