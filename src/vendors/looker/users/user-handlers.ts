import { MockError } from '../../../engine/errors.js';
import type { Handler } from '../../../engine/vendor.js';
import type { LookerState } from '../looker-state.js';
import type { LookerPrincipal, LookerUser } from '../model.js';
import { isAdmin } from '../permissions.js';
import { serializeUser } from '../serialize.js';
import { requestedFields, trimFields } from '../trim-fields.js';
import { findUser, syncSystemValues } from './user-records.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

/** What create_user and update_user write; the spec's readOnly fields (email, role_ids, group_ids...) are ignored. */
const WRITABLE = ['first_name', 'last_name', 'locale', 'is_disabled'] as const;

function writableFields(body: unknown): Partial<Pick<LookerUser, (typeof WRITABLE)[number]>> {
  const source = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(WRITABLE.filter((key) => key in source).map((key) => [key, source[key]]));
}

/** POST /users (admin only): a user without logins; new users join every group that includes users by default. */
export const createUser: LookerHandler = ({ state, body, query, now }) => {
  const fields = writableFields(body);
  const user: LookerUser = {
    id: state.takeId('user'),
    first_name: fields.first_name ?? null,
    last_name: fields.last_name ?? null,
    email: null,
    locale: fields.locale ?? 'en',
    is_disabled: fields.is_disabled ?? false,
    role_ids: [],
    created_at: now().toISOString(),
  };
  state.addUser(user);
  for (const group of state.groups.values()) if (group.include_by_default) state.addMember(group.id, user.id);
  syncSystemValues(state, user);
  return { status: 200, body: trimFields(serializeUser(user, state), requestedFields(query)) };
};

/** PATCH /users/{user_id} (admin only): changes only the fields sent. */
export const updateUser: LookerHandler = ({ state, params, body, query }) => {
  const user = findUser(state, params.user_id);
  Object.assign(user, writableFields(body));
  syncSystemValues(state, user);
  return { status: 200, body: trimFields(serializeUser(user, state), requestedFields(query)) };
};

/**
 * DELETE /users/{user_id} (admin only): "The user cannot delete themselves. The last administrator user cannot
 * be deleted." (the operation's description; 403, the refusal it documents). Values, memberships, keys and
 * tokens go with the user.
 */
export const deleteUser: LookerHandler = ({ state, params, principal }) => {
  const user = findUser(state, params.user_id);
  if (principal?.userId === user.id) throw new MockError({ kind: 'forbidden', status: 403, message: 'The user cannot delete themselves.' });
  const admins = [...state.users.keys()].filter((id) => isAdmin(state, id));
  if (admins.length === 1 && admins[0] === user.id) throw new MockError({ kind: 'forbidden', status: 403, message: 'The last administrator user cannot be deleted.' });
  state.deleteUser(user.id);
  return { status: 204 };
};
