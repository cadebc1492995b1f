import type { Handler } from '../../../engine/vendor.js';
import { pageRecords, sortRecords } from '../list-query.js';
import { badRequest, notFound } from '../looker-errors.js';
import type { LookerState } from '../looker-state.js';
import type { LookerPrincipal } from '../model.js';
import { serializeUser } from '../serialize.js';
import { requestedFields, trimFields } from '../trim-fields.js';
import { findUser, userAsSeenBy } from '../users/user-records.js';
import { findGroup } from './group-handlers.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

/** GET /groups/{group_id}/users: the direct members, as GET /users shows them to the caller; sorted and paged. */
export const allGroupUsers: LookerHandler = ({ state, params, query, principal }) => {
  const group = findGroup(state, params.group_id);
  const records = group.members.map((id) => userAsSeenBy(state, findUser(state, id), principal));
  return { status: 200, body: trimFields(pageRecords(sortRecords(records, query.sorts), query), requestedFields(query)) };
};

/**
 * POST /groups/{group_id}/users (admin only): adds the user named by `user_id` and answers the user. Adding a
 * member again changes nothing. An unknown user is a 404; a body without user_id a 400 (it documents no 422).
 */
export const addGroupUser: LookerHandler = ({ state, params, body }) => {
  const group = findGroup(state, params.group_id);
  const userId = (body as Record<string, unknown> | undefined)?.user_id;
  if (userId === undefined || userId === null || userId === '') throw badRequest('user_id is required.');
  const user = findUser(state, userId);
  state.addMember(group.id, user.id);
  return { status: 200, body: serializeUser(user, state) };
};

/** DELETE /groups/{group_id}/users/{user_id} (admin only): 404 when the user is not a member. */
export const deleteGroupUser: LookerHandler = ({ state, params }) => {
  const group = findGroup(state, params.group_id);
  const user = findUser(state, params.user_id);
  if (!state.isMember(group.id, user.id)) throw notFound();
  state.removeMember(group.id, user.id);
  return { status: 204 };
};
