import { http } from './http.js';
import { SNAG } from './snag-world.js';

/** Calls /__admin on a running mock: JSON in, status + JSON out. */
export function admin(base: string, method: string, path: string, json?: unknown, headers: Record<string, string> = {}) {
  return http(`${base}/__admin${path}`, { method, json, headers });
}

export const SNAG_VALUES_PATH = '/snag/api/website_user_attributes/values';

/** A valid Snag value write for the seeded key's website. */
export function snagValueWrite(value: string, session?: string) {
  const headers: Record<string, string> = { 'x-api-key': SNAG.key };
  if (session) headers['x-attrmock-session'] = session;
  return {
    method: 'POST',
    headers,
    json: {
      data: [{ websiteUserAttributeId: SNAG.teamAttributeId, userId: SNAG.userId, value }],
      websiteId: SNAG.websiteId,
      organizationId: SNAG.organizationId,
    },
  };
}

/** The seeded user's value of the team attribute, as a session sees it. */
export async function snagTeamValue(base: string, session?: string): Promise<string | undefined> {
  const headers: Record<string, string> = { 'x-api-key': SNAG.key };
  if (session) headers['x-attrmock-session'] = session;
  const res = await http(`${base}${SNAG_VALUES_PATH}?userIds=${SNAG.userId}`, { headers });
  return res.body.data.find((v: { customFieldId: string }) => v.customFieldId === SNAG.teamAttributeId)?.value;
}
