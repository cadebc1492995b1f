import { Ajv } from 'ajv';
import type { Faker } from '@faker-js/faker';
import { MockError } from '../../engine/errors.js';
import type { SnagSnapshot } from './snag-types.js';
import { metadataFieldsSchema } from './users/metadata-fields.js';
import { seedUsers, SNAG_EPOCH, type FixtureMetadata } from './users/seed-users.js';
import { walletKey } from './users/wallet-address.js';

const id = { type: 'string', minLength: 1 };
const time = { type: 'string', minLength: 1 };
const record = (required: Record<string, unknown>, optional: Record<string, unknown> = {}) => ({
  type: 'object',
  required: Object.keys(required),
  properties: { ...required, ...optional },
  additionalProperties: false,
});
const list = (item: unknown) => ({ type: 'array', items: item });

const snapshotSchema = record(
  {
    organizations: list(record({ id, name: { type: 'string' } })),
    websites: list(record({ id, organizationId: id, name: { type: 'string' } })),
    apiKeys: list(record({ key: id, organizationId: id, websiteId: id })),
    users: list(record({ id, organizationId: id }, { walletAddress: { type: 'string' }, createdAt: time, updatedAt: time })),
    attributes: list(record({ id, websiteId: id, organizationId: id, label: { type: 'string' }, createdAt: time, updatedAt: time, deletedAt: { type: ['string', 'null'] } })),
    values: list(record({ id, websiteId: id, organizationId: id, websiteUserAttributeId: id, userId: id, value: { type: 'string' }, createdAt: time, updatedAt: time })),
  },
  // Optional: state files written before users had metadata hold none.
  { userMetadata: list(record({ id, userId: id, organizationId: id, websiteId: id, fields: metadataFieldsSchema }, { createdAt: time, updatedAt: time })) },
);
// A fixed schema written here, so not checked against the meta-schema: that check compiles the meta-schema
// first, ~25 ms of every start-up (this module is loaded to seed the world).
const validateShape = new Ajv({ allErrors: false, validateSchema: false, code: { optimize: false } }).compile<SnagSnapshot>(snapshotSchema);

/**
 * Checks a snapshot's shape, that every reference points at something that exists and that no wallet or metadata
 * is held twice; dates users and metadata left undated (fixtures, state files from before users had dates).
 */
export function checkSnagSnapshot(candidate: unknown): SnagSnapshot {
  if (!validateShape(candidate)) {
    const error = validateShape.errors?.[0];
    const extra = error?.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
    throw new MockError({ kind: 'validation', message: `snag: state ${error?.instancePath || '/'} ${error?.message ?? 'is invalid'}${extra}` });
  }
  const s = candidate;
  s.userMetadata ??= [];
  const has = (items: Array<{ id: string }>) => new Set(items.map((item) => item.id));
  const orgs = has(s.organizations);
  const websites = new Map(s.websites.map((w) => [w.id, w]));
  const attributes = has(s.attributes);
  const users = new Map(s.users.map((u) => [u.id, u]));
  const broken =
    s.websites.find((w) => !orgs.has(w.organizationId))?.id ??
    s.apiKeys.find((k) => !websites.has(k.websiteId) || !orgs.has(k.organizationId))?.key.replace(/.(?=.{4})/g, '*') ??
    s.users.find((u) => !orgs.has(u.organizationId))?.id ??
    s.userMetadata.find((m) => users.get(m.userId)?.organizationId !== m.organizationId || websites.get(m.websiteId)?.organizationId !== m.organizationId)?.id ??
    s.attributes.find((a) => !websites.has(a.websiteId))?.id ??
    s.values.find((v) => !attributes.has(v.websiteUserAttributeId) || !users.has(v.userId))?.id;
  if (broken !== undefined) throw new MockError({ kind: 'validation', message: `snag: state: ${broken} refers to something that does not exist` });
  const twin =
    firstTwin(s.users, (u) => (u.walletAddress === undefined ? undefined : `${u.organizationId} ${walletKey(u.walletAddress)}`), 'repeats a wallet of its organization') ??
    firstTwin(s.userMetadata, (m) => `${m.userId} ${m.websiteId}`, 'repeats a user\'s metadata in one website');
  if (twin) throw new MockError({ kind: 'validation', message: `snag: state: ${twin}` });
  for (const record of [...s.users, ...s.userMetadata]) {
    record.createdAt ??= SNAG_EPOCH;
    record.updatedAt ??= record.createdAt;
  }
  return s;
}

/** `<id> <why>` of the first item whose key an earlier one has: one wallet is one user, one website one metadata. */
function firstTwin<T extends { id: string }>(items: T[], keyOf: (item: T) => string | undefined, why: string): string | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    if (seen.has(key)) return `${item.id} ${why}`;
    seen.add(key);
  }
  return undefined;
}

interface SnagFixture extends Partial<Omit<SnagSnapshot, 'attributes' | 'values' | 'userMetadata'>> {
  userMetadata?: FixtureMetadata[];
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
  const websites = fixture.websites ?? [];
  const { users, userMetadata } = seedUsers(fixture, organizations, websites, fixture.generate?.usersPerOrganization ?? 0, faker);
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
  return checkSnagSnapshot({ organizations, websites, apiKeys: fixture.apiKeys ?? [], users, userMetadata, attributes, values });
}
