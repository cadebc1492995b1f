import SnagSolutions from '@snagsolutions/sdk';
import { startMock, type RunningMock } from 'attrmock';
import 'attrmock/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const USER = '123e4567-e89b-12d3-a456-426614174005';
const TEAM = '3b241101-e2bb-4255-8caf-4136c566a962';
const scope = { organizationId: '123e4567-e89b-12d3-a456-426614174002', websiteId: '123e4567-e89b-12d3-a456-426614174001' };

/** The code under test: gives a user a team, through the official SDK. */
async function assignTeam(client: SnagSolutions, userId: string, team: string) {
  await client.auctions.websiteUserAttributes.values.create({ data: [{ websiteUserAttributeId: TEAM, userId, value: team }], ...scope });
}

let mock: RunningMock;
let client: SnagSolutions;

beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent' });
  client = new SnagSolutions({ apiKey: 'snag-dev-key', baseURL: `${mock.url}/snag`, maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('assignTeam', () => {
  it('writes the team value once', async () => {
    await assignTeam(client, USER, 'platform');
    expect(mock).toHaveReceived('createWebsiteUserAttributeValues', { times: 1, status: 200, body: { data: [{ userId: USER, value: 'platform' }] } });
    mock.verify({ vendor: 'snag', method: 'POST', path: '/snag/api/website_user_attributes/values' });
    expect(mock).toHaveReceivedNothingElse();
  });

  it('surfaces a forced 503 in Snag\'s own format', async () => {
    const outage = mock.fault({ operationId: 'createWebsiteUserAttributeValues', status: 503, times: 1 });
    await expect(assignTeam(client, USER, 'platform')).rejects.toBeInstanceOf(SnagSolutions.InternalServerError);
    expect(outage.fired).toBe(1);
    expect(mock).toHaveReceived('createWebsiteUserAttributeValues', { status: 503 });
  });

  it('keeps a worker\'s writes in its own session', async () => {
    const worker = mock.session('worker-a');
    const own = new SnagSolutions({ apiKey: 'snag-dev-key', baseURL: `${worker.url}/snag`, maxRetries: 0, defaultHeaders: worker.headers });
    await assignTeam(own, USER, 'growth');
    expect(mock).toHaveReceived('createWebsiteUserAttributeValues', { session: 'worker-a', times: 1 });
    expect(mock).not.toHaveReceived('createWebsiteUserAttributeValues', { session: 'default' });
  });

  it('reports what came instead when a verification fails', async () => {
    await assignTeam(client, USER, 'silver');
    expect(() => mock.verify({ operationId: 'createWebsiteUserAttributeValues', body: { data: [{ value: 'gold' }] } })).toThrow(
      'body.data[0].value: expected "gold", received "silver"',
    );
  });
});
