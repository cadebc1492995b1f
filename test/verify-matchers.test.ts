import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import '../src/verify/vitest.js';
import { attrmockMiddleware } from '../src/embed/index.js';
import { startMock, type RunningMock } from '../src/index.js';
import { EXPRESS_VERSIONS, listenApp } from './support/express-apps.js';
import { http } from './support/http.js';
import { SNAG_VALUES_PATH, snagValueWrite } from './support/admin.js';
import { SNAG } from './support/snag-world.js';
import { snagTraffic } from './support/snag-traffic.js';

let mock: RunningMock;
const { write, listValues } = snagTraffic(() => mock.url);

beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent' });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('expect(mock).toHaveReceived', () => {
  it('passes on an operation with times, body, status and session', async () => {
    await write('gold');
    await write('gold', 'worker-1');
    expect(mock).toHaveReceived('createWebsiteUserAttributeValues');
    expect(mock).toHaveReceived('createWebsiteUserAttributeValues', { times: 2, status: 200 });
    expect(mock).toHaveReceived('createWebsiteUserAttributeValues', { session: 'worker-1', times: 1, body: { data: [{ value: 'gold' }] } });
    expect(mock).toHaveReceived({ vendor: 'snag', method: 'POST', path: SNAG_VALUES_PATH }, { times: 2 });
  });

  it('fails with the near misses, the same operation with another body first', async () => {
    await listValues();
    await write('silver');
    let message = '';
    try {
      expect(mock).toHaveReceived('createWebsiteUserAttributeValues', { body: { data: [{ value: 'gold' }] } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('received 0');
    expect(message.indexOf('body.data[0].value: expected "gold", received "silver"')).toBeGreaterThan(0);
    expect(message.indexOf('body.data[0].value')).toBeLessThan(message.indexOf('(same path, other method)'));
  });

  it('negates: .not passes when nothing matched and fails listing what did', async () => {
    await write('gold');
    expect(mock).not.toHaveReceived('deleteWebsiteUserAttribute');
    expect(mock).not.toHaveReceived('createWebsiteUserAttributeValues', { body: { data: [{ value: 'silver' }] } });
    expect(() => expect(mock).not.toHaveReceived('createWebsiteUserAttributeValues')).toThrow(/^expect\(mock\)\.not\.toHaveReceived failed, as the mock did receive it: .*received 1:\n {2}#\d+ POST \/snag\/api\/website_user_attributes\/values → 200/);
  });

  it('toHaveReceivedNothingElse fails on a request no toHaveReceived covered, and a .not match covers nothing', async () => {
    await write('gold');
    await write('silver', 'worker-2');
    expect(() => expect(mock).not.toHaveReceived('createWebsiteUserAttributeValues', { session: 'worker-2' })).toThrow();
    expect(mock).toHaveReceived('createWebsiteUserAttributeValues', { session: 'default' });
    expect(() => expect(mock).toHaveReceivedNothingElse()).toThrow(/1 request was not verified:\n.*session worker-2/);
    expect(mock).toHaveReceivedNothingElse({ session: 'default' });
    expect(mock).toHaveReceived('createWebsiteUserAttributeValues', { session: 'worker-2' });
    expect(mock).toHaveReceivedNothingElse();
  });

  it('says what it needs when given something other than a mock', () => {
    expect(() => expect({}).toHaveReceived('me')).toThrow(/expected an attrmock mock/);
  });

  it('works on the Express middleware too', async () => {
    const middleware = attrmockMiddleware({ logLevel: 'silent' });
    const app = EXPRESS_VERSIONS['Express 4']();
    app.use('/mocks', middleware);
    const running = await listenApp(app);
    try {
      await http(`${running.url}/mocks${SNAG_VALUES_PATH}`, snagValueWrite('via express'));
      expect(middleware).toHaveReceived('createWebsiteUserAttributeValues', { times: 1, body: { data: [{ value: 'via express' }] } });
      expect(middleware).toHaveReceivedNothingElse();
    } finally {
      await running.close();
    }
  });
});
