import type { BenchRequest } from './send.js';

/** One request shape driven against every server; `path` is below the vendor's mount (Prism serves the spec at /). */
export interface BenchCase {
  id: string;
  title: string;
  vendor: 'snag' | 'looker';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The status attrmock must answer; other servers are held to what they answer on their first try. */
  expectStatus: number;
}

const SNAG_KEY = 'snag-dev-key';
const WEBSITE = '123e4567-e89b-12d3-a456-426614174001';
const ORGANIZATION = '123e4567-e89b-12d3-a456-426614174002';
const TIER = '123e4567-e89b-12d3-a456-426614174004';
const TEAM = '3b241101-e2bb-4255-8caf-4136c566a962';
const USER = '123e4567-e89b-12d3-a456-426614174005';
const SECOND_USER = '0f8fad5b-d9cb-469f-a165-70867728950e';
const json = { 'content-type': 'application/json', 'x-api-key': SNAG_KEY };

const seedBody = {
  data: [
    { websiteUserAttributeId: TIER, userId: USER, value: 'gold' },
    { websiteUserAttributeId: TEAM, userId: USER, value: 'Arsenal' },
    { websiteUserAttributeId: TIER, userId: SECOND_USER, value: 'silver' },
  ],
  websiteId: WEBSITE,
  organizationId: ORGANIZATION,
};

/** The Snag seed endpoint three ways, and the Looker SDK's PATCH (attrmock only: it needs a login first). */
export const SNAG_CASES: BenchCase[] = [
  { id: 'seed-post', title: 'Snag seed POST, valid 3-item body (200)', vendor: 'snag', method: 'POST', path: '/api/website_user_attributes/values', headers: json, body: JSON.stringify(seedBody), expectStatus: 200 },
  { id: 'list-get', title: 'Snag GET list of values (200)', vendor: 'snag', method: 'GET', path: `/api/website_user_attributes/values?userIds=${USER}&userIds=${SECOND_USER}`, headers: { 'x-api-key': SNAG_KEY }, expectStatus: 200 },
  { id: 'invalid-post', title: 'Snag seed POST, invalid body (400)', vendor: 'snag', method: 'POST', path: '/api/website_user_attributes/values', headers: json, body: JSON.stringify({ data: [{ websiteUserAttributeId: 'not-a-uuid', userId: USER }] }), expectStatus: 400 },
];

/**
 * The seed POST's body with its three values made unique to `variant` (`gold-17`, …): the same upsert of the same
 * keys, but one that changes what is stored, so a durable store has a new value to keep on every request.
 */
export function seedPostBody(variant: number): string {
  return JSON.stringify({ ...seedBody, data: seedBody.data.map((item) => ({ ...item, value: `${item.value}-${variant}` })) });
}

export const LOOKER_PATCH: BenchCase = {
  id: 'looker-patch', title: 'Looker PATCH user attribute value (200, after login)', vendor: 'looker', method: 'PATCH',
  path: '/api/4.0/users/3/attribute_values/3', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: 'emea-north' }), expectStatus: 200,
};

export const LOOKER_LOGIN = { path: '/api/4.0/login', body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' };

/** The case as a request to a server whose vendor mount is `prefix` ('' for Prism, `/snag` for attrmock). */
export function toRequest(c: BenchCase, baseUrl: string, prefix: string, extraHeaders: Record<string, string> = {}): BenchRequest {
  return { method: c.method, url: `${baseUrl}${prefix}${c.path}`, headers: { ...c.headers, ...extraHeaders }, body: c.body };
}
