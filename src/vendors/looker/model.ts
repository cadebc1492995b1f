/** The records the Looker state stores; API shapes are made from them in `serialize.ts`. */

export const ATTRIBUTE_TYPES = [
  'string',
  'number',
  'datetime',
  'relative_url',
  'advanced_filter_string',
  'advanced_filter_number',
  'advanced_filter_datetime',
  'yesno',
  'zipcode',
] as const;

export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface LookerUser {
  id: string;
  /** Null for a user created without one, as Looker allows. */
  first_name: string | null;
  last_name: string | null;
  /** The email login (credentials_email); null for a user created without one. */
  email: string | null;
  /** When the email login was made; the user's created_at when absent (seeded users). */
  email_created_at?: string;
  locale: string;
  is_disabled: boolean;
  role_ids: string[];
  created_at: string;
}

/** A role: what a user may do. Roles in settings.adminRoleIds make their holders admins. */
export interface LookerRole {
  id: string;
  name: string;
}

export interface LookerGroup {
  id: string;
  name: string;
  can_add_to_content_metadata: boolean;
  include_by_default: boolean;
  /** Member user ids, in the order they were added. */
  members: string[];
}

export interface LookerAttribute {
  id: string;
  name: string;
  label: string;
  type: AttributeType;
  default_value: string | null;
  is_system: boolean;
  is_permanent: boolean;
  value_is_hidden: boolean;
  user_can_view: boolean;
  user_can_edit: boolean;
  hidden_value_domain_whitelist: string | null;
  needed_for_ci_run: boolean;
  value_for_ci_run: string | null;
}

export interface GroupValue {
  id: string;
  group_id: string;
  user_attribute_id: string;
  /** Lowest wins; the list is kept sorted by it. */
  rank: number;
  value: string;
}

export interface ApiCredential {
  id: string;
  client_id: string;
  client_secret: string;
  user_id: string;
  created_at: string;
  is_disabled: boolean;
}

export interface AccessTokenRecord {
  token: string;
  /** The user the token acts as: the API key's owner, or the target of an admin's sudo (login_user). */
  user_id: string;
  /** Epoch milliseconds. */
  expires_at: number;
}

export interface LookerSettings {
  tokenTtlSeconds: number;
  /** Per access token; null switches rate limiting off. */
  requestsPerSecond: number | null;
  /** A user holding any of these roles is an admin; everyone else gets the non-admin rules of permissions.ts. */
  adminRoleIds: string[];
}

/** What authenticate hands to handlers: the token's user and whether they are an admin, or null for login (which needs none). */
export type LookerPrincipal = { userId: string; token: string; admin: boolean } | null;
