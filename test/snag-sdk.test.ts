import SnagSolutions from '@snagsolutions/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { SNAG } from './support/snag-world.js';

let mock: RunningMock;
let client: SnagSolutions;

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  // Only the base URL and the key change: the SDK is used exactly as against admin.snagsolutions.io.
  client = new SnagSolutions({ apiKey: SNAG.key, baseURL: `${mock.url}/snag`, maxRetries: 0 });
});
afterAll(() => mock.close());

describe('the official @snagsolutions/sdk against the mock', () => {
  const attributes = () => client.auctions.websiteUserAttributes;
  const scope = { organizationId: SNAG.organizationId, websiteId: SNAG.websiteId };

  it('creates an attribute, sets and upserts a value, lists it, and deletes the attribute', async () => {
    const created = await attributes().create({ data: [{ label: 'SDK attribute' }] });
    const attributeId = created.data[0]!.id;
    expect(created.data[0]).toMatchObject({ label: 'SDK attribute', ...scope, deletedAt: null });

    const listed = await attributes().list({ limit: 100 });
    expect(listed.data.map((a) => a.id)).toContain(attributeId);

    const first = await attributes().values.create({ data: [{ websiteUserAttributeId: attributeId, userId: SNAG.userId, value: 'one' }], ...scope });
    const second = await attributes().values.create({ data: [{ websiteUserAttributeId: attributeId, userId: SNAG.userId, value: 'two' }], ...scope });
    expect(second[0]!.id).toBe(first[0]!.id);

    const values = await attributes().values.list({ userIds: [SNAG.userId, SNAG.secondUserId] });
    expect(values.data.find((v) => v.customFieldId === attributeId)?.value).toBe('two');

    const deleted = await attributes().delete(attributeId, { body_id: attributeId, ...scope } as never);
    expect(typeof deleted.message).toBe('string');
    const after = await attributes().values.list({ userIds: SNAG.userId });
    expect(after.data.find((v) => v.customFieldId === attributeId)).toBeUndefined();
  });

  it('surfaces Snag\'s 403 as the SDK\'s PermissionDeniedError', async () => {
    const stranger = new SnagSolutions({ apiKey: 'not-a-key', baseURL: `${mock.url}/snag`, maxRetries: 0 });
    const error = await stranger.auctions.websiteUserAttributes.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnagSolutions.PermissionDeniedError);
    expect((error as InstanceType<typeof SnagSolutions.PermissionDeniedError>).error).toEqual({ message: 'Forbidden, Could not validate api key' });
  });

  it('surfaces a 400 naming the field as the SDK\'s BadRequestError', async () => {
    const error = await attributes()
      .values.create({ data: [{ websiteUserAttributeId: SNAG.tierAttributeId, userId: 'not-a-uuid', value: 'x' }], ...scope })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnagSolutions.BadRequestError);
    expect(String((error as Error).message)).toContain('data[0].userId');
  });
});
