import { MockError } from '../../../engine/errors.js';
import type { Handler } from '../../../engine/vendor.js';
import { readListParameter } from '../list-parameter.js';
import { pickIds } from '../list-query.js';
import { notFound, validationFailed } from '../looker-errors.js';
import type { LookerState } from '../looker-state.js';
import type { LookerPrincipal, LookerRole } from '../model.js';
import { callerIsAdmin, isAdmin } from '../permissions.js';
import { serializeRole } from '../serialize.js';
import { requestedFields, trimFields } from '../trim-fields.js';
import { findUser } from '../users/user-records.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

function rolesAnswer(roles: LookerRole[], principal: LookerPrincipal, query: Record<string, unknown>) {
  return { status: 200, body: trimFields(roles.map((r) => serializeRole(r, callerIsAdmin(principal))), requestedFields(query)) };
}

function rolesOf(state: LookerState, roleIds: string[]): LookerRole[] {
  return roleIds.flatMap((id) => state.roles.get(id) ?? []);
}

/** GET /roles: every role, or those listed in `ids`. */
export const allRoles: LookerHandler = ({ state, query, principal, warn }) =>
  rolesAnswer(pickIds(state.roles, readListParameter(query, 'ids', warn)), principal, query);

/** GET /users/{user_id}/roles: an admin reads anyone's, a non-admin their own (another's is a 404, as for values). */
export const userRoles: LookerHandler = ({ state, params, query, principal }) => {
  const user = findUser(state, params.user_id);
  if (!callerIsAdmin(principal) && principal?.userId !== user.id) throw notFound();
  return rolesAnswer(rolesOf(state, user.role_ids), principal, query);
};

/**
 * PUT /users/{user_id}/roles (admin only): replaces the user's roles with the listed ones. An unknown role is a
 * 422 on role_ids; taking the Admin role from the last admin is refused with 403, as deleting them is.
 */
export const setUserRoles: LookerHandler = ({ state, params, body, query, principal }) => {
  const user = findUser(state, params.user_id);
  const wanted = [...new Set((body as unknown[]).map(String))];
  const unknown = wanted.filter((id) => !state.roles.has(id));
  if (unknown.length > 0) throw validationFailed(unknown.map((id) => ({ field: 'role_ids', code: 'invalid', message: `Role ${id} does not exist.` })));
  const staysAdmin = wanted.some((id) => state.settings.adminRoleIds.includes(id));
  const otherAdmins = [...state.users.keys()].filter((id) => id !== user.id && isAdmin(state, id));
  if (isAdmin(state, user.id) && !staysAdmin && otherAdmins.length === 0) {
    throw new MockError({ kind: 'forbidden', status: 403, message: 'The last administrator cannot lose the Admin role.' });
  }
  user.role_ids = wanted;
  return rolesAnswer(rolesOf(state, user.role_ids), principal, query);
};
