import type { Faker } from '@faker-js/faker';
import { checkAttributeValue } from './attribute-rules.js';
import { asList, asObject, flag, invalid, optionalNumber, optionalText, text, textList, type Obj } from './fixture-fields.js';
import { LookerState } from './looker-state.js';
import { ATTRIBUTE_TYPES, type AttributeType, type LookerAttribute, type LookerSettings, type LookerUser } from './model.js';
import { DEFAULT_ADMIN_ROLE_IDS } from './permissions.js';

/** Environment override of the fixture's per-token rate: a positive number, or `off`. */
export const RATE_LIMIT_ENV = 'ATTRMOCK_LOOKER_RATE_LIMIT_RPS';
const SEEDED_AT = '2024-01-15T09:00:00.000Z';

/** Builds the seeded Looker world from fixtures/looker.yaml; people the fixture leaves unnamed get faker names. */
export function seedWorld(fixtures: unknown, faker: Faker): LookerState {
  const root = asObject(fixtures, 'fixture');
  const state = new LookerState(readSettings(asObject(root.settings ?? {}, 'settings')));
  seedRoles(state, root.roles);
  asList(root.users, 'users').forEach((raw, i) => state.addUser(readUser(asObject(raw, `users[${i}]`), `users[${i}]`, faker)));
  asList(root.groups, 'groups').forEach((raw, i) => seedGroup(state, asObject(raw, `groups[${i}]`), `groups[${i}]`));
  asList(root.apiCredentials, 'apiCredentials').forEach((raw, i) => {
    const where = `apiCredentials[${i}]`;
    const item = asObject(raw, where);
    const userId = text(item, 'userId', where);
    if (!state.users.has(userId)) throw invalid(where, `unknown user ${userId}`);
    state.addCredential({
      id: text(item, 'id', where),
      client_id: text(item, 'clientId', where),
      client_secret: text(item, 'clientSecret', where),
      user_id: userId,
      created_at: SEEDED_AT,
      is_disabled: flag(item, 'isDisabled', where, false),
    });
  });
  asList(root.userAttributes, 'userAttributes').forEach((raw, i) => seedAttribute(state, asObject(raw, `userAttributes[${i}]`), `userAttributes[${i}]`));
  return state;
}

function readSettings(settings: Obj): LookerSettings {
  const rate = asObject(settings.rateLimit ?? {}, 'settings.rateLimit');
  const env = process.env[RATE_LIMIT_ENV];
  const fromEnv = env === undefined || env === '' ? undefined : env === 'off' ? null : Number(env);
  if (fromEnv !== undefined && fromEnv !== null && !(fromEnv > 0)) throw invalid(RATE_LIMIT_ENV, 'must be a positive number or off');
  return {
    tokenTtlSeconds: optionalNumber(settings, 'tokenTtlSeconds', 'settings') ?? 3600,
    requestsPerSecond: fromEnv !== undefined ? fromEnv : optionalNumber(rate, 'requestsPerSecond', 'settings.rateLimit'),
    // An explicit empty list is kept: a world without admins is a fixture's choice, not a mistake.
    adminRoleIds: settings.adminRoleIds === undefined ? [...DEFAULT_ADMIN_ROLE_IDS] : textList(settings, 'adminRoleIds', 'settings'),
  };
}

/** Looker's built-in roles, for a fixture that names none. */
export const DEFAULT_ROLES: ReadonlyArray<{ id: string; name: string }> = [
  { id: '1', name: 'Developer' },
  { id: '2', name: 'Admin' },
  { id: '3', name: 'User' },
  { id: '4', name: 'Viewer' },
];

function seedRoles(state: LookerState, roles: unknown): void {
  const listed = roles === undefined ? DEFAULT_ROLES : asList(roles, 'roles').map((raw, i) => {
    const item = asObject(raw, `roles[${i}]`);
    return { id: text(item, 'id', `roles[${i}]`), name: text(item, 'name', `roles[${i}]`) };
  });
  for (const role of listed) state.roles.set(role.id, { ...role });
}

function readUser(item: Obj, where: string, faker: Faker): LookerUser {
  // Always draw both names so that naming one user in the fixture does not shift everyone after it.
  const fakeFirst = faker.person.firstName();
  const fakeLast = faker.person.lastName();
  const first = optionalText(item, 'firstName', where) ?? fakeFirst;
  const last = optionalText(item, 'lastName', where) ?? fakeLast;
  const email = optionalText(item, 'email', where) ?? faker.internet.email({ firstName: first, lastName: last, provider: 'example.com' }).toLowerCase();
  return {
    id: text(item, 'id', where),
    first_name: first,
    last_name: last,
    email,
    locale: optionalText(item, 'locale', where) ?? 'en',
    is_disabled: flag(item, 'isDisabled', where, false),
    role_ids: textList(item, 'roleIds', where),
    created_at: SEEDED_AT,
  };
}

function seedGroup(state: LookerState, item: Obj, where: string): void {
  const members = textList(item, 'members', where);
  for (const userId of members) if (!state.users.has(userId)) throw invalid(where, `unknown member ${userId}`);
  state.addGroup({
    id: text(item, 'id', where),
    name: text(item, 'name', where),
    can_add_to_content_metadata: flag(item, 'canAddToContentMetadata', where, true),
    include_by_default: flag(item, 'includeByDefault', where, false),
    members,
  });
}

function seedAttribute(state: LookerState, item: Obj, where: string): void {
  const type = text(item, 'type', where);
  if (!(ATTRIBUTE_TYPES as readonly string[]).includes(type)) throw invalid(`${where}.type`, `unknown type ${type}`);
  const attribute: LookerAttribute = {
    id: text(item, 'id', where),
    name: text(item, 'name', where),
    label: text(item, 'label', where),
    type: type as AttributeType,
    default_value: optionalText(item, 'defaultValue', where),
    is_system: flag(item, 'isSystem', where, false),
    is_permanent: flag(item, 'isPermanent', where, false),
    value_is_hidden: flag(item, 'valueIsHidden', where, false),
    user_can_view: flag(item, 'userCanView', where, false),
    user_can_edit: flag(item, 'userCanEdit', where, false),
    hidden_value_domain_whitelist: optionalText(item, 'hiddenValueDomainWhitelist', where),
    needed_for_ci_run: false,
    value_for_ci_run: null,
  };
  state.putAttribute(attribute);
  seedValues(state, attribute, item, where);
}

function seedValues(state: LookerState, attribute: LookerAttribute, item: Obj, where: string): void {
  const fromUsers = optionalText(item, 'valuesFromUsers', where);
  if (fromUsers === 'email') for (const user of state.users.values()) if (user.email !== null) state.setUserValue(attribute.id, user.id, user.email);
  asList(item.userValues, `${where}.userValues`).forEach((raw, i) => {
    const at = `${where}.userValues[${i}]`;
    const entry = asObject(raw, at);
    const userId = text(entry, 'userId', at);
    if (!state.users.has(userId)) throw invalid(at, `unknown user ${userId}`);
    state.setUserValue(attribute.id, userId, checkedValue(attribute, entry, at));
  });
  const groupValues = asList(item.groupValues, `${where}.groupValues`).map((raw, i) => {
    const at = `${where}.groupValues[${i}]`;
    const entry = asObject(raw, at);
    const groupId = text(entry, 'groupId', at);
    if (!state.groups.has(groupId)) throw invalid(at, `unknown group ${groupId}`);
    const rank = optionalNumber(entry, 'rank', at) ?? i + 1;
    return { id: state.takeId('group_value'), group_id: groupId, user_attribute_id: attribute.id, rank, value: checkedValue(attribute, entry, at) };
  });
  state.replaceGroupValues(attribute.id, groupValues);
}

function checkedValue(attribute: LookerAttribute, entry: Obj, where: string): string {
  const value = text(entry, 'value', where);
  if (!checkAttributeValue(attribute.type, value)) throw invalid(where, `${value} is not a valid ${attribute.type}`);
  return value;
}
