// Fails on purpose: run `npx vitest run` in this folder to see the report of a failing verification.
import { startMock } from 'attrmock';
import 'attrmock/vitest';
import { afterAll, expect, it } from 'vitest';

const mock = await startMock({ port: 0, logLevel: 'silent' });
afterAll(() => mock.close());

it('expects gold but the client wrote silver', async () => {
  await fetch(`${mock.url}/snag/api/website_user_attributes/values`, {
    method: 'POST',
    headers: { 'x-api-key': 'snag-dev-key', 'content-type': 'application/json' },
    body: JSON.stringify({
      data: [{ websiteUserAttributeId: '3b241101-e2bb-4255-8caf-4136c566a962', userId: '123e4567-e89b-12d3-a456-426614174005', value: 'silver' }],
      organizationId: '123e4567-e89b-12d3-a456-426614174002',
      websiteId: '123e4567-e89b-12d3-a456-426614174001',
    }),
  });
  expect(mock).toHaveReceived('createWebsiteUserAttributeValues', { body: { data: [{ value: 'gold' }] } });
});
