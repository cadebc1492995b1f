import SnagSolutions from '@snagsolutions/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { admin } from './support/admin.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;
let client: SnagSolutions;
let other: SnagSolutions;
const scope = { organizationId: SNAG.organizationId, websiteId: SNAG.websiteId };

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  // Only the base URL and the key change: the SDK is used exactly as against admin.snagsolutions.io.
  client = new SnagSolutions({ apiKey: SNAG.key, baseURL: `${mock.url}/snag`, maxRetries: 0 });
  other = new SnagSolutions({ apiKey: SNAG.otherKey, baseURL: `${mock.url}/snag`, maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const CSV = [
  { wallet: '0x1111111111111111111111111111111111111111', externalId: 'crm-1', tier: 'gold' },
  { wallet: '0xAbCdEf2222222222222222222222222222222222', externalId: 'crm-2', tier: 'silver' },
  // The seeded first user, spelt in upper case: found, not created again.
  { wallet: '0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED', externalId: 'crm-3', tier: 'bronze' },
];

/**
 * A CSV sync as written against the real Snag with the SDK, following Snag's own Next.js template: find the user
 * by wallet, else create it through its metadata, then write the attribute value with its id. Answers how many
 * users it had to create.
 */
async function syncCsv(sdk: SnagSolutions): Promise<number> {
  let created = 0;
  for (const row of CSV) {
    const found = await sdk.users.list({ walletAddress: row.wallet, ...scope });
    let userId = found.data[0]?.id;
    if (!userId) {
      userId = (await sdk.users.metadatas.create({ walletAddress: row.wallet, externalIdentifier: row.externalId, ...scope })).user.id;
      created++;
    }
    await sdk.auctions.websiteUserAttributes.values.create({ data: [{ websiteUserAttributeId: SNAG.tierAttributeId, userId, value: row.tier }], ...scope });
  }
  return created;
}

describe('Snag users through the official @snagsolutions/sdk', () => {
  it('lists users with their metadata and attribute values, and pages with startingAfter', async () => {
    const first = await client.users.list({ limit: 1 });
    expect(first.hasNextPage).toBe(true);
    expect(first.data[0]).toMatchObject({ id: SNAG.userId, isSnagSuperAdmin: false, walletAddress: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' });
    expect(first.data[0]!.userMetadata![0]).toMatchObject({ displayName: 'Ada Gold', emailAddress: 'ada@acme.example' });
    expect(first.data[0]!.websiteUserAttributes).toEqual([
      { id: SNAG.tierAttributeId, label: 'Tier', websiteUserAttributeValues: [{ id: SNAG.seededValueId, userId: SNAG.userId, value: 'gold', websiteUserAttributeId: SNAG.tierAttributeId }] },
    ]);
    const second = await client.users.list({ limit: 1, startingAfter: first.data[0]!.id });
    expect(second.data[0]!.id).toBe(SNAG.secondUserId);
    const both = await client.users.list({ userId: [SNAG.userId, SNAG.secondUserId, SNAG.otherOrgUserId] });
    expect(both.data.map((u) => u.id)).toEqual([SNAG.userId, SNAG.secondUserId]);
  });

  it('counts the organization\'s users, the generated ones with plausible wallets and metadata among them', async () => {
    const { totalCount } = await client.users.count(scope);
    // Three fixture users (two of this organization) and 20 generated per organization.
    expect(totalCount).toBe(22);
    const all = await client.users.list({ limit: 100 });
    expect(all.data).toHaveLength(22);
    const generated = all.data.slice(2);
    for (const user of generated) {
      expect(user.walletAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);
      expect(user.userMetadata![0]!.emailAddress).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect(user.userMetadata![0]!.displayName).toMatch(/\w/);
    }
  });

  it('get-or-creates a user by wallet in any letter case, updating its metadata, and lists the metadata', async () => {
    const wallet = '0xAbCdEf0000000000000000000000000000000001';
    const created = await client.users.metadatas.create({ walletAddress: wallet, displayName: 'New', externalIdentifier: 'ext-9', ...scope });
    expect(created).toMatchObject({ ...scope, user: { walletAddress: wallet }, userGroup: null, userGroupId: null, walletGroupIdentifier: null });
    const again = await client.users.metadatas.create({ walletAddress: wallet.toLowerCase(), emailAddress: 'new@example.com' });
    expect(again.user.id).toBe(created.user.id);
    expect(again.id).toBe(created.id);
    const listed = await client.users.list({ walletAddress: wallet.toUpperCase().replace('0X', '0x') });
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]!.userMetadata![0]).toMatchObject({ displayName: 'New', emailAddress: 'new@example.com' });
    expect((await client.users.list({ externalIdentifier: 'ext-9' })).data.map((u) => u.id)).toEqual([created.user.id]);
    expect((await client.users.list({ emailAddress: 'NEW@example.com' })).data.map((u) => u.id)).toEqual([created.user.id]);
    const metadatas = await client.users.metadatas.list({ walletAddress: wallet.toLowerCase() });
    expect(metadatas).toEqual({ data: [{ id: created.id }], hasNextPage: false });
    expect((await client.users.metadatas.list({ userSearch: 'ext-9' })).data).toEqual([{ id: created.id }]);
    expect((await client.users.count(scope)).totalCount).toBe(23);
  });

  it('runs a find-or-create-then-write sync twice, the second run creating nothing', async () => {
    expect(await syncCsv(client)).toBe(2);
    const countAfterFirst = (await client.users.count(scope)).totalCount;
    expect(await syncCsv(client)).toBe(0);
    expect((await client.users.count(scope)).totalCount).toBe(countAfterFirst);
    for (const row of CSV) {
      const [user] = (await client.users.list({ walletAddress: row.wallet })).data;
      const tier = user!.websiteUserAttributes!.find((a) => a.id === SNAG.tierAttributeId);
      expect(tier?.websiteUserAttributeValues.map((v) => v.value)).toEqual([row.tier]);
    }
  });

  it('keeps listed attribute values in step with value writes and attribute deletes', async () => {
    const attributes = client.auctions.websiteUserAttributes;
    const { data } = await attributes.create({ data: [{ label: 'Plan' }] });
    const attributeId = data[0]!.id;
    await attributes.values.create({ data: [{ websiteUserAttributeId: attributeId, userId: SNAG.secondUserId, value: 'pro' }], ...scope });
    const plan = async () => (await client.users.list({ userId: SNAG.secondUserId })).data[0]!.websiteUserAttributes!.find((a) => a.id === attributeId);
    expect(await plan()).toMatchObject({ label: 'Plan', websiteUserAttributeValues: [{ value: 'pro', userId: SNAG.secondUserId }] });
    await attributes.values.create({ data: [{ websiteUserAttributeId: attributeId, userId: SNAG.secondUserId, value: 'team' }], ...scope });
    expect((await plan())?.websiteUserAttributeValues.map((v) => v.value)).toEqual(['team']);
    await attributes.delete(attributeId, { body_id: attributeId, ...scope } as never);
    expect(await plan()).toBeUndefined();
  });
});

describe('Snag users are scoped by the key\'s organization', () => {
  it('shows another organization\'s key none of these users, by list, filter, count or metadata', async () => {
    const wallet = '0x3333333333333333333333333333333333333333';
    const mine = await client.users.metadatas.create({ walletAddress: wallet, externalIdentifier: 'mine' });
    const theirs = await other.users.list({ limit: 100 });
    expect(theirs.data.map((u) => u.id)).not.toContain(mine.user.id);
    expect(theirs.data.map((u) => u.id)).not.toContain(SNAG.userId);
    expect((await other.users.list({ walletAddress: wallet })).data).toEqual([]);
    expect((await other.users.list({ userId: [SNAG.userId, mine.user.id] })).data).toEqual([]);
    expect((await other.users.list({ externalIdentifier: 'mine' })).data).toEqual([]);
    expect((await other.users.metadatas.list({ userId: mine.user.id })).data).toEqual([]);
    expect((await other.users.count({ organizationId: SNAG.otherOrganizationId, websiteId: SNAG.otherWebsiteId })).totalCount).toBe(21);
    // The same wallet is a user of its own in the other organization.
    const twin = await other.users.metadatas.create({ walletAddress: wallet });
    expect(twin.user.id).not.toBe(mine.user.id);
  });

  it('answers 403 for another organization\'s ids and writes nothing', async () => {
    const before = (await admin(mock.url, 'GET', '/state')).body;
    const foreign = { organizationId: SNAG.otherOrganizationId, websiteId: SNAG.otherWebsiteId };
    for (const call of [
      () => client.users.list(foreign),
      () => client.users.count(foreign),
      () => client.users.metadatas.list(foreign),
      () => client.users.metadatas.create({ walletAddress: '0x4444444444444444444444444444444444444444', ...foreign }),
      () => client.users.connect({ walletAddress: '0x4444444444444444444444444444444444444444', walletType: 'evm', ...foreign }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnagSolutions.PermissionDeniedError);
      expect((error as InstanceType<typeof SnagSolutions.PermissionDeniedError>).error).toEqual({ message: 'Forbidden, API key has no access to this website or organization' });
    }
    expect((await admin(mock.url, 'GET', '/state')).body).toEqual(before);
  });
});

describe('bad input to the Snag users operations', () => {
  it.each([
    [{}, 'walletAddress is required'],
    [{ walletAddress: 'not-a-wallet' }, 'walletAddress not-a-wallet is not a wallet address'],
    [{ walletAddress: '0x12345' }, 'walletAddress 0x12345 is not a wallet address'],
    [{ userId: '00000000-0000-4000-8000-000000000000' }, 'userId 00000000-0000-4000-8000-000000000000: user not found'],
    [{ userId: SNAG.otherOrgUserId }, `userId ${SNAG.otherOrgUserId}: user not found`],
    [{ userId: SNAG.userId, walletAddress: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359' }, `walletAddress 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359 is not the wallet of user ${SNAG.userId}`],
    [{ walletAddress: '0x5555555555555555555555555555555555555555', twitterUserFollowersCount: 'many' }, 'twitterUserFollowersCount must be number,null'],
  ])('answers metadatas.create(%j) with 400 {message} and writes nothing', async (body, message) => {
    const before = (await admin(mock.url, 'GET', '/state')).body;
    const error = await client.users.metadatas.create(body as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnagSolutions.BadRequestError);
    expect((error as InstanceType<typeof SnagSolutions.BadRequestError>).error).toEqual({ message });
    expect((await admin(mock.url, 'GET', '/state')).body).toEqual(before);
  });

  it('answers 400 naming the parameter for a bad limit, userId or cursor', async () => {
    for (const [call, field] of [
      [() => client.users.list({ limit: 101 }), 'limit'],
      [() => client.users.list({ userId: 'bob' }), 'userId'],
      [() => client.users.list({ startingAfter: '00000000-0000-4000-8000-000000000000' }), 'startingAfter'],
      [() => client.users.metadatas.list({ userId: 'bob' }), 'userId'],
      [() => client.users.count({} as never), 'organizationId'],
    ] as const) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnagSolutions.BadRequestError);
      expect(String((error as Error).message)).toContain(field);
    }
  });

  it('connects a wallet to its own user only, and disconnects a known user without changing anything', async () => {
    const wallet = '0x6666666666666666666666666666666666666666';
    const connected = await client.users.connect({ walletAddress: wallet, walletType: 'evm', ...scope });
    expect(connected).toMatchObject({ walletAddress: wallet, id: expect.any(String) });
    const again = await client.users.connect({ walletAddress: wallet.toUpperCase().replace('0X', '0x'), walletType: 'evm', userId: connected.id, ...scope });
    expect(again.id).toBe(connected.id);
    const refused = await client.users.connect({ walletAddress: wallet, walletType: 'evm', userId: SNAG.userId, ...scope }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SnagSolutions.BadRequestError);
    expect(await client.users.disconnect({ userId: connected.id, ...scope })).toEqual({ message: 'Success' });
    const unknown = await client.users.disconnect({ userId: SNAG.otherOrgUserId, ...scope }).catch((e: unknown) => e);
    expect((unknown as InstanceType<typeof SnagSolutions.BadRequestError>).error).toEqual({ message: `userId ${SNAG.otherOrgUserId}: user not found` });
  });
});

describe('Snag users in the vendor state', () => {
  const sessionClient = (session: string) => new SnagSolutions({ apiKey: SNAG.key, baseURL: `${mock.url}/snag`, maxRetries: 0, defaultHeaders: { 'x-attrmock-session': session } });

  it('exports users and their metadata, and an import after a reset answers as before', async () => {
    const made = await client.users.metadatas.create({ walletAddress: '0x7777777777777777777777777777777777777777', displayName: 'Kept', ...scope });
    const exported = (await admin(mock.url, 'GET', '/state')).body;
    expect(exported.vendors.snag.users).toContainEqual(expect.objectContaining({ id: made.user.id, walletAddress: '0x7777777777777777777777777777777777777777' }));
    expect(exported.vendors.snag.userMetadata).toContainEqual(expect.objectContaining({ id: made.id, userId: made.user.id, fields: { displayName: 'Kept' } }));
    await admin(mock.url, 'POST', '/reset');
    expect((await client.users.list({ walletAddress: '0x7777777777777777777777777777777777777777' })).data).toEqual([]);
    expect((await admin(mock.url, 'PUT', '/state', exported)).status).toBe(200);
    const [user] = (await client.users.list({ walletAddress: '0x7777777777777777777777777777777777777777' })).data;
    expect(user!.userMetadata![0]!.displayName).toBe('Kept');
  });

  it('imports a user with an email address in its metadata, and names what it refuses', async () => {
    const { body } = await admin(mock.url, 'GET', '/state');
    const snag = body.vendors.snag;
    snag.users.push({ id: 'a0000000-0000-4000-8000-000000000001', organizationId: SNAG.organizationId, walletAddress: '0x8888888888888888888888888888888888888888' });
    snag.userMetadata.push({ id: 'a0000000-0000-4000-8000-000000000002', userId: 'a0000000-0000-4000-8000-000000000001', organizationId: SNAG.organizationId, websiteId: SNAG.websiteId, fields: { emailAddress: 'imported@example.com' } });
    expect((await admin(mock.url, 'PUT', '/state', { vendors: { snag } })).status).toBe(200);
    expect((await client.users.list({ emailAddress: 'imported@example.com' })).data.map((u) => u.id)).toEqual(['a0000000-0000-4000-8000-000000000001']);

    const refuse = async (change: (s: typeof snag) => void) => {
      const copy = structuredClone(snag);
      change(copy);
      return (await admin(mock.url, 'PUT', '/state', { vendors: { snag: copy } })).body.message as string;
    };
    expect(await refuse((s) => s.users.push({ id: 'x', organizationId: SNAG.organizationId, emailAddress: 'a@b.c' }))).toBe(`snag: state /users/${snag.users.length} must NOT have additional properties (emailAddress)`);
    expect(await refuse((s) => s.userMetadata.push({ id: 'm', userId: 'nobody', organizationId: SNAG.organizationId, websiteId: SNAG.websiteId, fields: {} }))).toBe('snag: state: m refers to something that does not exist');
    expect(await refuse((s) => s.userMetadata.push({ id: 'm', userId: SNAG.userId, organizationId: SNAG.otherOrganizationId, websiteId: SNAG.otherWebsiteId, fields: {} }))).toBe('snag: state: m refers to something that does not exist');
    expect(await refuse((s) => s.users.push({ id: 'twin', organizationId: SNAG.organizationId, walletAddress: '0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED' }))).toBe('snag: state: twin repeats a wallet of its organization');
    expect(await refuse((s) => s.userMetadata.push({ ...s.userMetadata[0], id: 'again' }))).toBe('snag: state: again repeats a user\'s metadata in one website');
    expect(await refuse((s) => s.userMetadata[0].fields.isBlocked = 'yes')).toBe('snag: state /userMetadata/0/fields/isBlocked must be boolean');
  });

  it('reads a state without userMetadata, as state files written before users had metadata are', async () => {
    const { body } = await admin(mock.url, 'GET', '/state');
    delete body.vendors.snag.userMetadata;
    expect((await admin(mock.url, 'PUT', '/state', { vendors: { snag: body.vendors.snag } })).status).toBe(200);
    expect((await client.users.list({ userId: SNAG.userId })).data[0]!.userMetadata).toEqual([]);
  });

  it('keeps a session\'s users to that session', async () => {
    const made = await sessionClient('worker-1').users.metadatas.create({ walletAddress: '0x9999999999999999999999999999999999999999' });
    expect((await sessionClient('worker-1').users.list({ userId: made.user.id })).data).toHaveLength(1);
    expect((await sessionClient('worker-2').users.list({ userId: made.user.id })).data).toEqual([]);
    expect((await client.users.list({ walletAddress: '0x9999999999999999999999999999999999999999' })).data).toEqual([]);
  });
});
