import type { JsonValue } from '../../engine/types.js';
import { isAttributeType } from './attribute-rules.js';
import { asList, asObject, invalid, type Obj } from './fixture-fields.js';
import { LookerState } from './looker-state.js';
import type { AccessTokenRecord, ApiCredential, GroupValue, LookerAttribute, LookerGroup, LookerRole, LookerSettings, LookerUser } from './model.js';
import { DEFAULT_ADMIN_ROLE_IDS } from './permissions.js';
import { DEFAULT_ROLES } from './seed-world.js';

const VERSION = 1;

type FieldKind = 'string' | 'string?' | 'boolean' | 'number' | 'number?' | 'string[]';
type Shape = Record<string, FieldKind>;

const USER: Shape = {
  id: 'string', first_name: 'string?', last_name: 'string?', email: 'string?', email_created_at: 'string?', locale: 'string',
  is_disabled: 'boolean', role_ids: 'string[]', created_at: 'string',
};
const ROLE: Shape = { id: 'string', name: 'string' };
const GROUP: Shape = { id: 'string', name: 'string', can_add_to_content_metadata: 'boolean', include_by_default: 'boolean', members: 'string[]' };
const CREDENTIAL: Shape = { id: 'string', client_id: 'string', client_secret: 'string', user_id: 'string', created_at: 'string', is_disabled: 'boolean' };
const ATTRIBUTE: Shape = {
  id: 'string', name: 'string', label: 'string', type: 'string', default_value: 'string?', is_system: 'boolean',
  is_permanent: 'boolean', value_is_hidden: 'boolean', user_can_view: 'boolean', user_can_edit: 'boolean',
  hidden_value_domain_whitelist: 'string?', needed_for_ci_run: 'boolean', value_for_ci_run: 'string?',
};
const GROUP_VALUE: Shape = { id: 'string', group_id: 'string', user_attribute_id: 'string', rank: 'number', value: 'string' };
const TOKEN: Shape = { token: 'string', user_id: 'string', expires_at: 'number' };

/** A JSON snapshot of the whole world; user values are `[attribute id, user id, value]` triples to keep it small. */
export function exportLookerState(state: LookerState): JsonValue {
  const snapshot = {
    version: VERSION,
    settings: state.settings,
    nextIds: state.nextIds,
    roles: [...state.roles.values()],
    users: [...state.users.values()],
    groups: [...state.groups.values()],
    credentials: [...state.credentials.values()],
    attributes: [...state.attributes.values()],
    userValues: [...state.allUserValues()].map((v) => [v.user_attribute_id, v.user_id, v.value]),
    groupValues: state.allGroupValues(),
    tokens: state.tokens.all(),
  };
  return JSON.parse(JSON.stringify(snapshot)) as JsonValue;
}

/** The inverse of exportLookerState; anything malformed or dangling throws MockError('validation'). */
export function importLookerState(snapshot: unknown): LookerState {
  const root = asObject(snapshot, 'snapshot');
  if (root.version !== VERSION) throw invalid('snapshot.version', `must be ${VERSION}`);
  const state = new LookerState(importSettings(root));
  // Snapshots written before roles were kept still import, with Looker's built-in roles.
  const roles = root.roles === undefined ? DEFAULT_ROLES : records<LookerRole>(root.roles, ROLE, 'roles');
  roles.forEach((r) => state.roles.set(r.id, { id: r.id, name: r.name }));
  records<LookerUser>(root.users, USER, 'users').forEach((u) => state.addUser(u));
  records<LookerGroup>(root.groups, GROUP, 'groups').forEach((g) => {
    for (const member of g.members) if (!state.users.has(member)) throw invalid(`groups ${g.id}`, `unknown member ${member}`);
    state.addGroup(g);
  });
  records<ApiCredential>(root.credentials, CREDENTIAL, 'credentials').forEach((c) => state.addCredential(c));
  records<LookerAttribute>(root.attributes, ATTRIBUTE, 'attributes').forEach((a) => {
    if (!isAttributeType(a.type)) throw invalid(`attributes ${a.id}`, `unknown type ${a.type}`);
    state.putAttribute(a);
  });
  importValues(state, root);
  records<AccessTokenRecord>(root.tokens, TOKEN, 'tokens').forEach((t) => state.tokens.issue(t));
  importNextIds(state, asObject(root.nextIds, 'snapshot.nextIds'));
  return state;
}

/**
 * Ids to come must be safe integers: above 2^53 `n + 1 === n`, and two creates would get the same id. Kinds
 * added later (user, group) may be missing from older snapshots; the records' own ids then decide.
 */
function importNextIds(state: LookerState, nextIds: Obj): void {
  check(nextIds, { user_attribute: 'number', group_value: 'number', user: 'number?', group: 'number?' }, 'snapshot.nextIds');
  for (const kind of ['user_attribute', 'group_value', 'user', 'group'] as const) {
    const next = nextIds[kind] as number | undefined | null;
    if (next === undefined || next === null) continue;
    if (!Number.isSafeInteger(next) || next < 1) throw invalid(`snapshot.nextIds.${kind}`, `must be a positive integer no larger than ${Number.MAX_SAFE_INTEGER}`);
    state.nextIds[kind] = Math.max(state.nextIds[kind], next);
  }
}

/** Snapshots written before adminRoleIds existed still import, with Looker's Admin role as the only admin role. */
function importSettings(root: Obj): LookerSettings {
  const settings = asObject(root.settings, 'snapshot.settings');
  check(settings, { tokenTtlSeconds: 'number', requestsPerSecond: 'number?' }, 'snapshot.settings');
  if (settings.adminRoleIds !== undefined) check(settings, { adminRoleIds: 'string[]' }, 'snapshot.settings');
  return {
    tokenTtlSeconds: settings.tokenTtlSeconds as number,
    requestsPerSecond: (settings.requestsPerSecond as number | null) ?? null,
    adminRoleIds: settings.adminRoleIds === undefined ? [...DEFAULT_ADMIN_ROLE_IDS] : [...(settings.adminRoleIds as string[])],
  };
}

function importValues(state: LookerState, root: Obj): void {
  asList(root.userValues, 'userValues').forEach((raw, i) => {
    if (!Array.isArray(raw) || raw.length !== 3 || !raw.every((v) => typeof v === 'string')) throw invalid(`userValues[${i}]`, 'must be [attribute id, user id, value]');
    const [attributeId, userId, value] = raw as [string, string, string];
    if (!state.attributes.has(attributeId) || !state.users.has(userId)) throw invalid(`userValues[${i}]`, 'names an unknown attribute or user');
    state.setUserValue(attributeId, userId, value);
  });
  const byAttribute = new Map<string, GroupValue[]>();
  records<GroupValue>(root.groupValues, GROUP_VALUE, 'groupValues').forEach((v) => {
    if (!state.attributes.has(v.user_attribute_id) || !state.groups.has(v.group_id)) throw invalid(`groupValues ${v.id}`, 'names an unknown attribute or group');
    byAttribute.set(v.user_attribute_id, [...(byAttribute.get(v.user_attribute_id) ?? []), v]);
  });
  for (const [attributeId, values] of byAttribute) state.replaceGroupValues(attributeId, values);
}

function records<T>(value: unknown, shape: Shape, where: string): T[] {
  return asList(value, where).map((raw, i) => {
    const item = asObject(raw, `${where}[${i}]`);
    check(item, shape, `${where}[${i}]`);
    return item as T;
  });
}

function check(item: Obj, shape: Shape, where: string): void {
  for (const [key, kind] of Object.entries(shape)) {
    const value = item[key];
    const ok =
      kind === 'string[]' ? Array.isArray(value) && value.every((v) => typeof v === 'string')
      : kind.endsWith('?') ? value === null || value === undefined || typeof value === kind.slice(0, -1)
      : typeof value === kind;
    if (!ok) throw invalid(`${where}.${key}`, `must be ${kind}`);
  }
}
