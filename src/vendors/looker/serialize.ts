import type { LookerState } from './looker-state.js';
import type { GroupValue, LookerAttribute, LookerGroup, LookerRole, LookerUser } from './model.js';
import { attributeCan, groupCan } from './permissions.js';

/** API shapes of the stored records, as the Looker API 4.0 spec names their properties. */

/**
 * What Looker shows for a hidden attribute's default, to admins too: recorded answers of a real instance
 * (resolutionlife/terraform-provider-looker, fixture/looker_user_attribute.yaml) give "DEFAULT_IS_SET" where
 * "24" was set. A hidden attribute without a default shows null (the mock's judgement; nothing recorded).
 */
export const HIDDEN_DEFAULT = 'DEFAULT_IS_SET';

/** `can` says what the caller (admin or not) may do with the attribute, as Looker's does. */
export function serializeAttribute(attribute: LookerAttribute, admin: boolean): Record<string, unknown> {
  return {
    can: attributeCan(attribute, admin),
    id: attribute.id,
    name: attribute.name,
    label: attribute.label,
    type: attribute.type,
    default_value: attribute.value_is_hidden && attribute.default_value !== null ? HIDDEN_DEFAULT : attribute.default_value,
    is_system: attribute.is_system,
    is_permanent: attribute.is_permanent,
    value_is_hidden: attribute.value_is_hidden,
    user_can_view: attribute.user_can_view,
    user_can_edit: attribute.user_can_edit,
    hidden_value_domain_whitelist: attribute.hidden_value_domain_whitelist,
    needed_for_ci_run: attribute.needed_for_ci_run,
    value_for_ci_run: attribute.value_for_ci_run,
  };
}

/** A hidden attribute's value is never sent back: `value` is null and `value_is_hidden` says why. */
export function serializeGroupValue(value: GroupValue, attribute: LookerAttribute): Record<string, unknown> {
  // Only admins reach group values (permissions.ts), so `can` depends on the attribute alone.
  const editable = !attribute.is_system;
  return {
    can: { update: editable, destroy: editable },
    id: value.id,
    group_id: value.group_id,
    user_attribute_id: value.user_attribute_id,
    value_is_hidden: attribute.value_is_hidden,
    rank: value.rank,
    value: attribute.value_is_hidden ? null : value.value,
  };
}

export function serializeUser(user: LookerUser, state: LookerState): Record<string, unknown> {
  const api3 = [...state.credentials.values()].filter((c) => c.user_id === user.id);
  return {
    can: { show: true, index: true, show_details: true, index_details: true, sudo: false },
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    display_name: displayName(user),
    email: user.email,
    is_disabled: user.is_disabled,
    locale: user.locale,
    avatar_url: null,
    avatar_url_without_sizing: null,
    group_ids: state.groupIdsOf(user.id),
    role_ids: user.role_ids,
    credentials_email: serializeCredentialsEmail(user),
    credentials_api3: api3.map((c) => ({ id: c.id, client_id: c.client_id, created_at: c.created_at, is_disabled: c.is_disabled, type: 'api3' })),
    home_folder_id: null,
    personal_folder_id: null,
    presumed_looker_employee: false,
    verified_looker_employee: false,
    is_service_account: false,
    url: `/api/4.0/users/${user.id}`,
  };
}

/**
 * The "public" variant Looker answers for someone else's user record to a non-admin: the name and avatar,
 * nothing sensitive (spec, description of GET /users/{user_id}).
 */
export function serializePublicUser(user: LookerUser): Record<string, unknown> {
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    display_name: displayName(user),
    avatar_url: null,
    url: `/api/4.0/users/${user.id}`,
  };
}

/** `can` and contains_current_user are the caller's. */
export function serializeGroup(group: LookerGroup, state: LookerState, caller: { userId: string; admin: boolean }): Record<string, unknown> {
  return {
    can: groupCan(group, caller.admin),
    can_add_to_content_metadata: group.can_add_to_content_metadata,
    contains_current_user: state.isMember(group.id, caller.userId),
    external_group_id: null,
    externally_managed: false,
    id: group.id,
    include_by_default: group.include_by_default,
    name: group.name,
    user_count: group.members.length,
  };
}

/** "First Last", or what there is of it; null for a user without names. */
function displayName(user: LookerUser): string | null {
  return [user.first_name, user.last_name].filter((part) => part).join(' ') || null;
}

/** The user's email login, or null when they have none (a user made by create_user alone). */
export function serializeCredentialsEmail(user: LookerUser): Record<string, unknown> | null {
  if (user.email === null) return null;
  return {
    can: {},
    created_at: user.email_created_at ?? user.created_at,
    email: user.email,
    forced_password_reset_at_next_login: false,
    user_id: user.id,
    is_disabled: false,
    logged_in_at: null,
    password_reset_url: null,
    account_setup_url: null,
    password_reset_url_expired: false,
    account_setup_url_expired: false,
    type: 'email',
    url: `/api/4.0/users/${user.id}/credentials_email`,
    user_url: `/api/4.0/users/${user.id}`,
  };
}

/** Roles carry no permission or model sets in the mock: only whether they make an admin matters to it. */
export function serializeRole(role: LookerRole, admin: boolean): Record<string, unknown> {
  return {
    can: { show: true, index: true, update: admin },
    id: role.id,
    name: role.name,
    internal: false,
    url: `/api/4.0/roles/${role.id}`,
    users_url: `/api/4.0/roles/${role.id}/users`,
  };
}
