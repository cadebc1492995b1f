import { MockError } from '../../engine/errors.js';
import type { Operation } from '../../engine/types.js';
import { forbidden, notFound } from './looker-errors.js';
import type { LookerState } from './looker-state.js';
import type { LookerAttribute, LookerGroup, LookerPrincipal } from './model.js';

const SYSTEM_VALUES = 'System user attribute values cannot be set.';

/** Looker's built-in Admin role; fixtures can name others in settings.adminRoleIds. */
export const DEFAULT_ADMIN_ROLE_IDS: readonly string[] = ['2'];

/**
 * Operations only an admin may call. Looker answers a caller without the permission with 403 where the
 * operation documents one, else with 404, as if the object were not there (the mock checks its answers against
 * its spec). Reading group values is among them: every group's values of an attribute are there to be managed,
 * and a non-admin learns the one that applies to them from their own attribute values.
 */
export const ADMIN_ONLY_OPERATIONS: ReadonlySet<string> = new Set([
  'create_user_attribute',
  'update_user_attribute',
  'delete_user_attribute',
  'all_user_attribute_group_values',
  'set_user_attribute_group_values',
  // People, logins and roles: managing users is an admin's job (Looker's manage_users permission).
  'create_user',
  'update_user',
  'delete_user',
  'user_for_credential',
  'create_user_credentials_email',
  'user_credentials_email',
  'update_user_credentials_email',
  'delete_user_credentials_email',
  'set_user_roles',
  'create_group',
  'update_group',
  'delete_group',
  'add_group_user',
  'delete_group_user',
  'login_user',
]);

export function isAdmin(state: LookerState, userId: string): boolean {
  const roles = state.users.get(userId)?.role_ids ?? [];
  return roles.some((role) => state.settings.adminRoleIds.includes(role));
}

/** Whether the caller is an admin; login's null principal never is. */
export function callerIsAdmin(principal: LookerPrincipal): boolean {
  return principal?.admin ?? false;
}

/**
 * Refuses a non-admin an admin-only operation. It runs with authentication, before the body is validated,
 * so a refused caller cannot learn the body's rules from a 422.
 */
export function authorizeOperation(op: Operation, principal: LookerPrincipal): void {
  if (!principal || principal.admin || !ADMIN_ONLY_OPERATIONS.has(op.operationId)) return;
  throw op.documentedStatuses.includes(403) ? new MockError({ kind: 'forbidden', status: 403 }) : notFound();
}

/** The `can` of a UserAttribute as the caller sees it. */
export function attributeCan(attribute: LookerAttribute, admin: boolean): Record<string, boolean> {
  const locked = attribute.is_system || attribute.is_permanent;
  return {
    show: true,
    index: true,
    create: admin,
    update: admin && !attribute.is_system,
    destroy: admin && !locked,
    set_value: canSetValue(attribute, admin),
  };
}

/**
 * The `can` of a Group as the caller sees it: only an admin manages groups. add_to_content_metadata is the
 * group's own setting for everyone, since sharing content with a group leaves the group itself unchanged.
 */
export function groupCan(group: LookerGroup, admin: boolean): Record<string, boolean> {
  return {
    show: true,
    create: admin,
    index: true,
    update: admin,
    delete: admin,
    edit_in_ui: admin,
    add_to_content_metadata: group.can_add_to_content_metadata,
  };
}

/** Whether the caller may set a user value of the attribute: an admin anyone's, a non-admin their own. */
export function canSetValue(attribute: LookerAttribute, admin: boolean): boolean {
  return !attribute.is_system && (admin || attribute.user_can_edit);
}

/** Setting or deleting one group value needs an admin, and never works for a system attribute, whose value Looker itself gives. */
export function assertMaySetGroupValue(principal: LookerPrincipal, attribute: LookerAttribute): void {
  if (!callerIsAdmin(principal)) throw forbidden('Only an admin can set group values of user attributes.');
  if (attribute.is_system) throw forbidden(SYSTEM_VALUES);
}

/** User values: an admin anyone's but a system attribute's; a non-admin only their own, of a user-editable attribute. */
export function assertMaySetUserValue(principal: LookerPrincipal, userId: string, attribute: LookerAttribute): void {
  if (attribute.is_system) throw forbidden(SYSTEM_VALUES);
  if (callerIsAdmin(principal)) return;
  if (principal?.userId !== userId) throw forbidden("Only an admin can set another user's attribute values.");
  if (!attribute.user_can_edit) throw forbidden('This user attribute cannot be edited by users.');
}

/** A non-admin sees only their own values; another user's answer 404, as Looker hides what a caller may not see. */
export function assertMayReadUserValues(principal: LookerPrincipal, userId: string): void {
  if (!callerIsAdmin(principal) && principal?.userId !== userId) throw notFound();
}

/**
 * Whether the caller may see their values of the attribute: UserAttribute.user_can_view reads "Non-admin users
 * can see the values of their attributes", so without it only an admin does.
 */
export function mayViewValues(attribute: LookerAttribute, admin: boolean): boolean {
  return admin || attribute.user_can_view;
}

/** Full user records for an admin or the user themself; everyone else gets Looker's public variant. */
export function maySeeFullUser(principal: LookerPrincipal, userId: string): boolean {
  return callerIsAdmin(principal) || principal?.userId === userId;
}
