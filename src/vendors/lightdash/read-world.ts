import { MockError } from '../../engine/errors.js';
import {
  ORGANIZATION_ROLES,
  type Group,
  type GroupValue,
  type LightdashWorldData,
  type Member,
  type Organization,
  type StoredAttribute,
  type Token,
  type UserValue,
} from './model.js';

type Raw = Record<string, unknown>;

/**
 * Checks plain data (a fixture or an imported snapshot) field by field and returns it typed; anything it
 * cannot trust is a `validation` MockError naming the place, so a bad state file never half-loads.
 */
export function readWorld(input: unknown): LightdashWorldData {
  const root = object(input, 'lightdash world');
  const organizations = list(root.organizations, 'organizations').map(readOrganization);
  const members = list(root.members, 'members').map(readMember);
  const groups = list(root.groups ?? [], 'groups').map(readGroup);
  const attributes = list(root.attributes ?? [], 'attributes').map(readAttribute);
  const tokens = list(root.tokens ?? [], 'tokens').map(readToken);
  const world = { organizations, members, groups, attributes, tokens };
  checkReferences(world);
  return world;
}

function readOrganization(raw: unknown, i: number): Organization {
  const o = object(raw, `organizations[${i}]`);
  return { organizationUuid: text(o, 'organizationUuid', `organizations[${i}]`), name: text(o, 'name', `organizations[${i}]`) };
}

function readMember(raw: unknown, i: number): Member {
  const at = `members[${i}]`;
  const o = object(raw, at);
  const role = text(o, 'role', at);
  if (!(ORGANIZATION_ROLES as readonly string[]).includes(role)) fail(`${at}.role must be one of ${ORGANIZATION_ROLES.join(', ')}`);
  const member: Member = {
    userUuid: text(o, 'userUuid', at),
    organizationUuid: text(o, 'organizationUuid', at),
    email: text(o, 'email', at),
    firstName: text(o, 'firstName', at),
    lastName: text(o, 'lastName', at),
    role: role as Member['role'],
    isActive: flag(o, 'isActive', at) ?? true,
    userCreatedAt: text(o, 'userCreatedAt', at),
    userUpdatedAt: text(o, 'userUpdatedAt', at),
  };
  const isPending = flag(o, 'isPending', at);
  const isInviteExpired = flag(o, 'isInviteExpired', at);
  if (isPending !== undefined) member.isPending = isPending;
  if (isInviteExpired !== undefined) member.isInviteExpired = isInviteExpired;
  return member;
}

function readGroup(raw: unknown, i: number): Group {
  const at = `groups[${i}]`;
  const o = object(raw, at);
  return {
    uuid: text(o, 'uuid', at),
    organizationUuid: text(o, 'organizationUuid', at),
    name: text(o, 'name', at),
    createdAt: text(o, 'createdAt', at),
    createdByUserUuid: nullableText(o, 'createdByUserUuid', at),
    updatedAt: text(o, 'updatedAt', at),
    updatedByUserUuid: nullableText(o, 'updatedByUserUuid', at),
    memberUuids: list(o.memberUuids ?? [], `${at}.memberUuids`).map((v, j) => asText(v, `${at}.memberUuids[${j}]`)),
  };
}

function readAttribute(raw: unknown, i: number): StoredAttribute {
  const at = `attributes[${i}]`;
  const o = object(raw, at);
  const attribute: StoredAttribute = {
    uuid: text(o, 'uuid', at),
    organizationUuid: text(o, 'organizationUuid', at),
    name: text(o, 'name', at),
    attributeDefault: nullableText(o, 'attributeDefault', at),
    createdAt: text(o, 'createdAt', at),
    users: list(o.users ?? [], `${at}.users`).map((v, j): UserValue => {
      const u = object(v, `${at}.users[${j}]`);
      return { userUuid: text(u, 'userUuid', `${at}.users[${j}]`), value: text(u, 'value', `${at}.users[${j}]`) };
    }),
    groups: list(o.groups ?? [], `${at}.groups`).map((v, j): GroupValue => {
      const g = object(v, `${at}.groups[${j}]`);
      return { groupUuid: text(g, 'groupUuid', `${at}.groups[${j}]`), value: text(g, 'value', `${at}.groups[${j}]`) };
    }),
  };
  if (o.description !== undefined && o.description !== null) attribute.description = text(o, 'description', at);
  return attribute;
}

function readToken(raw: unknown, i: number): Token {
  const o = object(raw, `tokens[${i}]`);
  return { token: text(o, 'token', `tokens[${i}]`), userUuid: text(o, 'userUuid', `tokens[${i}]`) };
}

/** The foreign keys Lightdash's database enforces, checked once at load. */
function checkReferences(world: LightdashWorldData): void {
  const orgs = new Set(world.organizations.map((o) => o.organizationUuid));
  const members = new Map(world.members.map((m) => [m.userUuid, m]));
  const groups = new Set(world.groups.map((g) => g.uuid));
  const names = new Set<string>();
  for (const m of world.members) if (!orgs.has(m.organizationUuid)) fail(`member ${m.userUuid} names an unknown organization`);
  for (const g of world.groups) {
    if (!orgs.has(g.organizationUuid)) fail(`group ${g.uuid} names an unknown organization`);
    for (const u of g.memberUuids) if (members.get(u)?.organizationUuid !== g.organizationUuid) fail(`group ${g.uuid}: ${u} is not a member of its organization`);
  }
  for (const a of world.attributes) {
    if (!orgs.has(a.organizationUuid)) fail(`attribute ${a.uuid} names an unknown organization`);
    const key = `${a.organizationUuid}/${a.name}`;
    if (names.has(key)) fail(`attribute name ${a.name} is used twice in ${a.organizationUuid}`);
    names.add(key);
    for (const u of a.users) if (members.get(u.userUuid)?.organizationUuid !== a.organizationUuid) fail(`attribute ${a.uuid}: ${u.userUuid} is not a member of its organization`);
    for (const g of a.groups) if (!groups.has(g.groupUuid)) fail(`attribute ${a.uuid}: unknown group ${g.groupUuid}`);
  }
  for (const t of world.tokens) if (!members.has(t.userUuid)) fail(`token for unknown user ${t.userUuid}`);
}

function fail(message: string): never {
  throw new MockError({ kind: 'validation', message: `lightdash: ${message}` });
}

function object(value: unknown, at: string): Raw {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${at} must be an object`);
  return value as Raw;
}

function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) fail(`${at} must be a list`);
  return value;
}

function asText(value: unknown, at: string): string {
  if (typeof value !== 'string') fail(`${at} must be a string`);
  return value;
}

function text(o: Raw, key: string, at: string): string {
  return asText(o[key], `${at}.${key}`);
}

function nullableText(o: Raw, key: string, at: string): string | null {
  return o[key] === null || o[key] === undefined ? null : text(o, key, at);
}

function flag(o: Raw, key: string, at: string): boolean | undefined {
  if (o[key] === undefined) return undefined;
  if (typeof o[key] !== 'boolean') fail(`${at}.${key} must be true or false`);
  return o[key] as boolean;
}
