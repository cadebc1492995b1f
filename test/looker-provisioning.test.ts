import { DelimArray } from '@looker/sdk-rtl';
import type { Looker40SDK } from '@looker/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { lookerSdk } from './support/looker-sdk.js';
import { admin } from './support/admin.js';
import { http } from './support/http.js';

let mock: RunningMock;
let sdk: Looker40SDK;

beforeAll(async () => {
  // sdk-rtl 26.12 logs "AbortSignal.timeout is not defined" on every call without a cancel signal (a misplaced else).
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  sdk = lookerSdk(`${mock.url}/looker`);
});

describe('provisioning a person with the official SDK', () => {
  it('creates a user with an email login, finds them, and their attribute follows a group in and out', async () => {
    const user = await sdk.ok(sdk.create_user({ first_name: 'Grace', last_name: 'Hopper', locale: 'en' }));
    await sdk.ok(sdk.create_user_credentials_email(user.id!, { email: 'grace@navy.example' }));
    const [found] = await sdk.ok(sdk.search_users({ email: 'grace@navy.example' }));
    expect(found).toMatchObject({ id: user.id, credentials_email: { email: 'grace@navy.example' } });

    const group = await sdk.ok(sdk.create_group({ name: 'Compilers' }));
    const [team] = await sdk.ok(sdk.search_groups({ name: 'Compilers' }));
    expect(team!.id).toBe(group.id);
    await sdk.ok(sdk.add_group_user(group.id!, { user_id: user.id! }));
    expect((await sdk.ok(sdk.user(user.id!))).group_ids).toContain(group.id);
    expect((await sdk.ok(sdk.all_group_users({ group_id: group.id! }))).map((u) => u.id)).toEqual([user.id]);

    const region = (await sdk.ok(sdk.all_user_attributes({}))).find((a) => a.name === 'region')!;
    const valueOf = async () => (await sdk.ok(sdk.user_attribute_user_values({ user_id: user.id!, user_attribute_ids: new DelimArray<string>([region.id!]) })))[0];
    expect(await valueOf()).toMatchObject({ value: 'global', source: 'default' });
    await sdk.ok(sdk.update_user_attribute_group_value(group.id!, region.id!, { value: 'cobol-land' }));
    expect(await valueOf()).toMatchObject({ value: 'cobol-land', source: 'group' });

    await sdk.ok(sdk.delete_group_user(group.id!, user.id!));
    expect(await valueOf()).toMatchObject({ value: 'global', source: 'default' });
    expect(await sdk.ok(sdk.delete_user(user.id!))).toBe('');
    const gone = await sdk.user(user.id!);
    expect(gone.ok ? undefined : (gone.error as { message?: string }).message).toBe('Not found');
    expect(await sdk.ok(sdk.search_users({ email: 'grace@navy.example' }))).toEqual([]);
  });

  it('answers a JSON-encoded list (a plain array) as Looker does, every attribute, and warns naming the fix', async () => {
    const plain = await sdk.ok(sdk.user_attribute_user_values({ user_id: '2', user_attribute_ids: ['3'] }));
    const every = await sdk.ok(sdk.user_attribute_user_values({ user_id: '2' }));
    expect(plain.length).toBeGreaterThan(1);
    expect(plain).toEqual(every);
    const journal = await admin(mock.url, 'GET', '/requests?operationId=user_attribute_user_values&limit=2');
    const [latest, warned] = journal.body.requests as Array<{ warnings?: string[] }>;
    expect(latest!.warnings).toBeUndefined();
    expect(warned!.warnings).toEqual([expect.stringMatching(/^user_attribute_ids=\["3"\] is a JSON-encoded list.*new DelimArray\(\['3'\]\)/)]);
  });

  it('gives a named example of a documented Looker error on Prefer: example=NAME', async () => {
    const token = (await sdk.authSession.login()).access_token!;
    const res = await http(`${mock.url}/looker/api/4.0/users/1`, { headers: { authorization: `token ${token}`, prefer: 'example=notFound' } });
    expect(res).toMatchObject({ status: 404, body: { message: 'Not found', documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/404/get/users/:user_id' } });
    const invalid = await http(`${mock.url}/looker/api/4.0/groups`, { method: 'POST', headers: { authorization: `token ${token}`, prefer: 'example=validationFailed' }, json: {} });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ message: 'Validation Failed', errors: [{ field: 'name', code: 'missing' }] });
  });
});

describe('Looker state import (issue 20)', () => {
  it('refuses nextIds above Number.MAX_SAFE_INTEGER, where two creates would get one id', async () => {
    const exported = (await admin(mock.url, 'GET', '/state')).body;
    exported.vendors.looker.nextIds.user_attribute = 2 ** 53;
    const refused = await admin(mock.url, 'PUT', '/state', exported);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/nextIds\.user_attribute.*9007199254740991/);
    exported.vendors.looker.nextIds.user_attribute = 2 ** 53 - 10;
    expect((await admin(mock.url, 'PUT', '/state', exported)).status).toBe(200);
  });
});

