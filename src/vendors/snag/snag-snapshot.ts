import { Ajv } from 'ajv';
import type { Faker } from '@faker-js/faker';
import { MockError } from '../../engine/errors.js';
import type { SnagSnapshot } from './snag-types.js';

const id = { type: 'string', minLength: 1 };
const time = { type: 'string', minLength: 1 };
const record = (required: Record<string, unknown>, optional: Record<string, unknown> = {}) => ({
  type: 'object',
  required: Object.keys(required),
  properties: { ...required, ...optional },
  additionalProperties: false,
});
const list = (item: unknown) => ({ type: 'array', items: item });

const snapshotSchema = record({
  organizations: list(record({ id, name: { type: 'string' } })),
  websites: list(record({ id, organizationId: id, name: { type: 'string' } })),
  apiKeys: list(record({ key: id, organizationId: id, websiteId: id })),
  users: list(record({ id, organizationId: id }, { walletAddress: { type: 'string' } })),
  attributes: list(record({ id, websiteId: id, organizationId: id, label: { type: 'string' }, createdAt: time, updatedAt: time, deletedAt: { type: ['string', 'null'] } })),
  values: list(record({ id, websiteId: id, organizationId: id, websiteUserAttributeId: id, userId: id, value: { type: 'string' }, createdAt: time, updatedAt: time })),
});
// A fixed schema written here, so not checked against the meta-schema: that check compiles the meta-schema
// first, ~25 ms of every start-up (this module is loaded to seed the world).
const validateShape = new Ajv({ allErrors: false, validateSchema: false, code: { optimize: false } }).compile<SnagSnapshot>(snapshotSchema);

/** Checks a snapshot's shape and that every reference points at something that exists. */
export function checkSnagSnapshot(candidate: unknown): SnagSnapshot {
  if (!validateShape(candidate)) {
    const error = validateShape.errors?.[0];
    throw new MockError({ kind: 'validation', message: `snag: state ${error?.instancePath || '/'} ${error?.message ?? 'is invalid'}` });
  }
  const s = candidate;
  const has = (items: Array<{ id: string }>) => new Set(items.map((item) => item.id));
  const orgs = has(s.organizations);
  const websites = has(s.websites);
  const attributes = has(s.attributes);
  const users = has(s.users);
  const broken =
    s.websites.find((w) => !orgs.has(w.organizationId))?.id ??
    s.apiKeys.find((k) => !websites.has(k.websiteId) || !orgs.has(k.organizationId))?.key.replace(/.(?=.{4})/g, '*') ??
    s.users.find((u) => !orgs.has(u.organizationId))?.id ??
    s.attributes.find((a) => !websites.has(a.websiteId))?.id ??
    s.values.find((v) => !attributes.has(v.websiteUserAttributeId) || !users.has(v.userId))?.id;
  if (broken !== undefined) throw new MockError({ kind: 'validation', message: `snag: state: ${broken} refers to something that does not exist` });
  return s;
}

interface SnagFixture extends Partial<Omit<SnagSnapshot, 'attributes' | 'values'>> {
  attributes?: Array<Partial<SnagSnapshot['attributes'][number]>>;
  values?: Array<Partial<SnagSnapshot['values'][number]>>;
  generate?: { usersPerOrganization?: number };
}

/**
 * Expands the fixture file (timestamps and scopes may be left out) into a checked snapshot, adding faker
 * users. It fills the fixture's own objects in place: the caller parsed them for this world alone, and a
 * copy of a million-value fixture would be as large as the world.
 */
export function snapshotFromFixture(input: unknown, faker: Faker): SnagSnapshot {
  const fixture = (input ?? {}) as SnagFixture;
  const organizations = fixture.organizations ?? [];
  // A new array: generated users must not pile up in a fixture that is seeded again.
  const users = [...(fixture.users ?? [])];
  for (const org of organizations) {
    for (let i = 0; i < (fixture.generate?.usersPerOrganization ?? 0); i++) {
      users.push({ id: faker.string.uuid(), organizationId: org.id, walletAddress: faker.finance.ethereumAddress() });
    }
  }
  const attributes = fixture.attributes ?? [];
  for (const a of attributes) {
    a.updatedAt ??= a.createdAt;
    a.deletedAt ??= null;
  }
  const byId = new Map(attributes.map((a) => [a.id, a]));
  const values = fixture.values ?? [];
  for (const v of values) {
    const attribute = byId.get(v.websiteUserAttributeId);
    v.websiteId ??= attribute?.websiteId;
    v.organizationId ??= attribute?.organizationId;
    v.updatedAt ??= v.createdAt;
  }
  return checkSnagSnapshot({ organizations, websites: fixture.websites ?? [], apiKeys: fixture.apiKeys ?? [], users, attributes, values });
}
