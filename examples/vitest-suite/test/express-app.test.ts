import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import SnagSolutions from '@snagsolutions/sdk';
import { LookerNodeSDK, NodeSettings } from '@looker/sdk-node';
import 'attrmock/vitest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error the example app is plain JavaScript
import { createApp } from '../../express-app/app.js';

let server: Server;
let origin: string;
const { app, mocks } = createApp();

beforeAll(async () => {
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await mocks.ready;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the Express 4 app with attrmock mounted at /mocks', () => {
  it('serves the official Snag SDK, and its own route calls the mock', async () => {
    const snag = new SnagSolutions({ apiKey: 'snag-dev-key', baseURL: `${origin}/mocks/snag`, maxRetries: 0 });
    const listed = await snag.auctions.websiteUserAttributes.list({ limit: 10 });
    expect(listed.data.length).toBeGreaterThan(0);
    const badge = await fetch(`${origin}/api/profile-badge?userId=123e4567-e89b-12d3-a456-426614174005`);
    expect(badge.status).toBe(200);
    expect(mocks).toHaveReceived('listWebsiteUserAttributeValues', { times: 1 });
  });

  it('serves the official Looker SDK, its form login included', async () => {
    class Settings extends NodeSettings {
      constructor() {
        super('', { base_url: `${origin}/mocks/looker`, verify_ssl: false, timeout: 30 } as never);
      }

      override readConfig() {
        return { base_url: this.base_url, client_id: 'looker-dev-client-id', client_secret: 'looker-dev-client-secret' };
      }
    }
    const sdk = LookerNodeSDK.init40(new Settings());
    expect(await sdk.ok(sdk.me())).toMatchObject({ email: 'api-admin@example.com' });
    expect(mocks).toHaveReceived('login', { times: 1 });
    expect(mocks.session('qa').url).toBe(`${origin}/mocks`);
  });
});
