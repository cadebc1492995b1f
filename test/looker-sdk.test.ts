import { DelimArray, LookerSDKError } from '@looker/sdk-rtl';
import type { Looker40SDK } from '@looker/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { lookerSdk } from './support/looker-sdk.js';

let mock: RunningMock;
let sdk: Looker40SDK;

beforeAll(async () => {
  // sdk-rtl 26.12 logs "AbortSignal.timeout is not defined" on every call without a cancel signal (a misplaced else).
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.reset();
  sdk = lookerSdk(`${mock.url}/looker`);
});

async function sdkError(promise: Promise<unknown>): Promise<LookerSDKError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LookerSDKError) return error;
    throw error;
  }
  throw new Error('expected the SDK to throw');
}

describe('the official Looker SDK against the mock', () => {
  it('logs in with client credentials and reads the API user, who belongs to a seeded group', async () => {
    const me = await sdk.ok(sdk.me());
    expect(sdk.authSession.isAuthenticated()).toBe(true);
    expect(me).toMatchObject({ id: '1', email: 'api-admin@example.com' });
    const groups = await sdk.ok(sdk.all_groups({ ids: new DelimArray<string>(me.group_ids ?? []) }));
    expect(groups.map((g) => g.name)).toContain('Admins');
    expect(groups.every((g) => g.contains_current_user)).toBe(true);
  });

  it('runs a whole user-attribute workflow: create, set, read, delete the value, delete the attribute', async () => {
    const attribute = await sdk.ok(sdk.create_user_attribute({ name: 'sdk_team', label: 'SDK Team', type: 'string', default_value: 'none' }));
    expect(attribute).toMatchObject({ name: 'sdk_team', is_permanent: false });
    const id = attribute.id!;
    const set = await sdk.ok(sdk.set_user_attribute_user_value('2', id, { value: 'platform' }));
    expect(set).toMatchObject({ value: 'platform', source: 'user', user_id: '2', user_attribute_id: id });
    const read = await sdk.ok(sdk.user_attribute_user_values({ user_id: '2', user_attribute_ids: new DelimArray<string>([id]) }));
    expect(read).toEqual([expect.objectContaining({ value: 'platform', source: 'user' })]);
    await sdk.ok(sdk.delete_user_attribute_user_value('2', id));
    const after = await sdk.ok(sdk.user_attribute_user_values({ user_id: '2', user_attribute_ids: new DelimArray<string>([id]) }));
    expect(after).toEqual([expect.objectContaining({ value: 'none', source: 'default' })]);
    await sdk.ok(sdk.delete_user_attribute(id));
    expect((await sdkError(sdk.ok(sdk.user_attribute(id)))).message).toBe('Not found');
  });

  it('resolves group values by precedence and lets a user value win', async () => {
    const attribute = await sdk.ok(sdk.create_user_attribute({ name: 'sdk_tier', label: 'SDK Tier', type: 'string' }));
    const id = attribute.id!;
    // User 3 is in Sales EMEA (3) and Sales Americas (4); the first group value listed wins.
    await sdk.ok(sdk.set_user_attribute_group_values(id, [{ group_id: '4', value: 'gold' }, { group_id: '3', value: 'silver' }] as never));
    const byGroup = await sdk.ok(sdk.user_attribute_user_values({ user_id: '3', user_attribute_ids: new DelimArray<string>([id]), all_values: true }));
    expect(byGroup.map((v) => [v.value, v.source])).toEqual([['gold', 'group'], ['silver', 'group']]);
    await sdk.ok(sdk.update_user_attribute_group_value('3', id, { value: 'platinum' } as never));
    const groupValues = await sdk.ok(sdk.all_user_attribute_group_values(id));
    expect(groupValues.map((v) => [v.group_id, v.value, v.rank])).toEqual([['4', 'gold', 1], ['3', 'platinum', 2]]);
    await sdk.ok(sdk.set_user_attribute_user_value('3', id, { value: 'own' }));
    const mine = await sdk.ok(sdk.user_attribute_user_values({ user_id: '3', user_attribute_ids: new DelimArray<string>([id]) }));
    expect(mine).toEqual([expect.objectContaining({ value: 'own', source: 'user' })]);
  });

  it('surfaces Looker\'s 404 and 422 errors through LookerSDKError', async () => {
    const notFound = await sdkError(sdk.ok(sdk.user_attribute('424242')));
    expect(notFound.message).toBe('Not found');
    expect(notFound.documentation_url).toBe('https://cloud.google.com/looker/docs/r/err/4.0/404/get/user_attributes/:user_attribute_id');
    const invalid = await sdkError(sdk.ok(sdk.create_user_attribute({ name: 'region', label: 'Region', type: 'string' })));
    expect(invalid.message).toBe('Validation Failed');
    expect(invalid.errors.map((e) => [e.field, e.code])).toEqual([['name', 'already_exists'], ['label', 'already_exists']]);
    const missing = await sdkError(sdk.ok(sdk.create_user_attribute({ label: 'No Name' })));
    expect(missing.errors.map((e) => [e.field, e.code])).toEqual([['name', 'missing'], ['type', 'missing']]);
  });

  it('answers the SDK\'s own login method with an AccessToken', async () => {
    const token = await sdk.ok(sdk.login({ client_id: 'looker-dev-client-id', client_secret: 'looker-dev-client-secret' }));
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600, refresh_token: null });
  });

  it('logs out, and logs in again on the next call', async () => {
    await sdk.ok(sdk.me());
    expect(await sdk.authSession.logout()).toBe(true);
    expect(sdk.authSession.isAuthenticated()).toBe(false);
    expect(await sdk.ok(sdk.me())).toMatchObject({ id: '1' });
  });
});
