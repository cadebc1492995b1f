import { SNAG_VALUES_PATH, snagValueWrite } from './admin.js';
import { http } from './http.js';
import { SNAG } from './snag-world.js';

/** The Snag calls the verification tests make against a mock at `base()`, optionally in a session. */
export function snagTraffic(base: () => string) {
  const session = (name?: string) => (name ? { 'x-attrmock-session': name } : {});
  return {
    write: (value: string, name?: string) => http(`${base()}${SNAG_VALUES_PATH}`, snagValueWrite(value, name)),
    listValues: (name?: string) => http(`${base()}${SNAG_VALUES_PATH}?userIds=${SNAG.userId}`, { headers: { 'x-api-key': SNAG.key, ...session(name) } }),
    listAttributes: () => http(`${base()}/snag/api/website_user_attributes`, { headers: { 'x-api-key': SNAG.key } }),
  };
}
