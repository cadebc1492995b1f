/** One kind of soak request, as autocannon sends it, and the status it must get. */
export interface SoakRequest {
  request: { method: string; path: string; headers?: Record<string, string>; body?: string };
  status: number;
}

const SNAG = { 'x-api-key': 'snag-dev-key', 'content-type': 'application/json' };
const SCOPE = { websiteId: '123e4567-e89b-12d3-a456-426614174001', organizationId: '123e4567-e89b-12d3-a456-426614174002' };
const TEAM = '3b241101-e2bb-4255-8caf-4136c566a962';
const USER = '123e4567-e89b-12d3-a456-426614174005';
const LIGHTDASH = { authorization: 'ApiKey lightdash-dev-token', 'content-type': 'application/json' };
const REGION = '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a';

/**
 * Mixed valid and invalid traffic over all three vendors. Writes only upsert or replace fixed records, so
 * a healthy server's state (and memory) stays the same size however long the soak runs.
 */
export function soakTraffic(lookerToken: string): SoakRequest[] {
  const looker = { authorization: `token ${lookerToken}`, 'content-type': 'application/json' };
  const snagValue = (value: unknown, userId = USER) => JSON.stringify({ data: [{ websiteUserAttributeId: TEAM, userId, value }], ...SCOPE });
  return [
    { request: { method: 'GET', path: '/snag/api/website_user_attributes?limit=5', headers: SNAG }, status: 200 },
    { request: { method: 'POST', path: '/snag/api/website_user_attributes/values', headers: SNAG, body: snagValue('Arsenal') }, status: 200 },
    { request: { method: 'POST', path: '/snag/api/website_user_attributes/values', headers: SNAG, body: snagValue('x', 'not-a-uuid') }, status: 400 },
    { request: { method: 'POST', path: '/snag/api/website_user_attributes/values', headers: SNAG, body: '{"data": [' }, status: 400 },
    { request: { method: 'POST', path: '/snag/api/website_user_attributes/values', headers: SNAG, body: '['.repeat(500) + ']'.repeat(500) }, status: 400 },
    { request: { method: 'GET', path: `/snag/api/website_user_attributes/values?userIds=${USER}&userIds=${USER}`, headers: SNAG }, status: 200 },
    { request: { method: 'GET', path: '/snag/api/website_user_attributes?limit=Infinity', headers: SNAG }, status: 400 },
    { request: { method: 'GET', path: '/snag/api/website_user_attributes', headers: { 'x-api-key': 'snag-wrong-key' } }, status: 403 },
    { request: { method: 'GET', path: '/snag/api/nothing-here', headers: SNAG }, status: 404 },
    { request: { method: 'GET', path: '/lightdash/api/v1/org/attributes', headers: LIGHTDASH }, status: 200 },
    {
      request: { method: 'PUT', path: `/lightdash/api/v1/org/attributes/${REGION}`, headers: LIGHTDASH, body: JSON.stringify({ name: 'region', attributeDefault: 'EMEA', users: [], groups: [] }) },
      status: 201,
    },
    { request: { method: 'POST', path: '/lightdash/api/v1/org/attributes', headers: LIGHTDASH, body: JSON.stringify({ name: 5, users: {}, groups: [] }) }, status: 422 },
    { request: { method: 'POST', path: '/lightdash/api/v1/org/attributes', headers: LIGHTDASH, body: JSON.stringify({ name: 'region', attributeDefault: null, users: [], groups: [] }) }, status: 500 },
    { request: { method: 'GET', path: '/lightdash/api/v1/org/users?page=1&pageSize=2&includeGroups=1', headers: LIGHTDASH }, status: 200 },
    { request: { method: 'GET', path: '/lightdash/api/v1/org/attributes', headers: { authorization: 'Bearer nope' } }, status: 401 },
    { request: { method: 'GET', path: '/looker/api/4.0/user_attributes?sorts=name%20desc', headers: looker }, status: 200 },
    { request: { method: 'PATCH', path: '/looker/api/4.0/users/4/attribute_values/3', headers: looker, body: JSON.stringify({ value: 'emea' }) }, status: 200 },
    { request: { method: 'PATCH', path: '/looker/api/4.0/users/4/attribute_values/3', headers: looker, body: JSON.stringify({ value: 5 }) }, status: 422 },
    { request: { method: 'GET', path: '/looker/api/4.0/users/4/attribute_values?all_values=true&include_unset=true', headers: looker }, status: 200 },
    { request: { method: 'GET', path: '/looker/api/4.0/users/%2e%2e', headers: looker }, status: 404 },
    { request: { method: 'GET', path: '/looker/api/4.0/users?limit=1e400', headers: looker }, status: 400 },
    { request: { method: 'GET', path: '/looker/api/4.0/user', headers: { authorization: 'token not-a-token' } }, status: 401 },
    { request: { method: 'GET', path: '/looker/api/4.0/user_attributes', headers: { ...looker, prefer: 'code=429' } }, status: 429 },
  ];
}
