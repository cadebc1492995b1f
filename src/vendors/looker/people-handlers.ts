import type { Handler } from '../../engine/vendor.js';
import { signedIn } from './authenticate.js';
import { readListParameter } from './list-parameter.js';
import { pageRecords, pickIds, sortRecords } from './list-query.js';
import { notFound } from './looker-errors.js';
import type { LookerState } from './looker-state.js';
import type { LookerPrincipal } from './model.js';
import { maySeeFullUser } from './permissions.js';
import { serializeGroup, serializePublicUser, serializeUser } from './serialize.js';
import { requestedFields as fieldsOf, trimFields } from './trim-fields.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

/** GET /user: the user whose API key made the token. */
export const me: LookerHandler = ({ principal, state, query }) => {
  const user = state.users.get(signedIn(principal).userId);
  if (!user) throw notFound();
  return { status: 200, body: trimFields(serializeUser(user, state), fieldsOf(query)) };
};

/** GET /users/{user_id}: the full record for an admin or oneself, the public variant for anyone else. */
export const user: LookerHandler = ({ params, state, query, principal }) => {
  const found = state.users.get(String(params.user_id));
  if (!found) throw notFound();
  const body = maySeeFullUser(principal, found.id) ? serializeUser(found, state) : serializePublicUser(found);
  return { status: 200, body: trimFields(body, fieldsOf(query)) };
};

/** GET /users: a plain array, filtered by ids, sorted, then paged; records as GET /users/{user_id} gives them. */
export const allUsers: LookerHandler = ({ state, query, principal, warn }) => {
  const users = pickIds(state.users, readListParameter(query, 'ids', warn)).map((u) => (maySeeFullUser(principal, u.id) ? serializeUser(u, state) : serializePublicUser(u)));
  const listed = pageRecords(sortRecords(users, query.sorts), query);
  return { status: 200, body: trimFields(listed, fieldsOf(query)) };
};

/** GET /groups: like /users, plus the can_add_to_content_metadata filter. */
export const allGroups: LookerHandler = ({ principal, state, query, warn }) => {
  const caller = signedIn(principal);
  let groups = pickIds(state.groups, readListParameter(query, 'ids', warn));
  if (typeof query.can_add_to_content_metadata === 'boolean') {
    groups = groups.filter((g) => g.can_add_to_content_metadata === query.can_add_to_content_metadata);
  }
  const listed = pageRecords(sortRecords(groups.map((g) => serializeGroup(g, state, caller)), query.sorts), query);
  return { status: 200, body: trimFields(listed, fieldsOf(query)) };
};

/** GET /groups/{group_id}. */
export const group: LookerHandler = ({ principal, params, state, query }) => {
  const found = state.groups.get(String(params.group_id));
  if (!found) throw notFound();
  return { status: 200, body: trimFields(serializeGroup(found, state, signedIn(principal)), fieldsOf(query)) };
};
