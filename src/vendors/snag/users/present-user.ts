import type { SnagState } from '../snag-state.js';
import type { SnagUser, SnagUserMetadata, SnagValue } from '../snag-types.js';
import { LISTED_METADATA_FIELDS } from './metadata-fields.js';

/**
 * A user as `GET /api/users` lists it (the SDK's UserListResponse.Data): its metadata and its attribute values
 * in the website asked about, read from the same records the value endpoints write, so a value written or
 * deleted (with its attribute) shows here at once.
 */
export function presentUser(state: SnagState, user: SnagUser, websiteId: string, withDelegations: boolean): Record<string, unknown> {
  const metadata = state.metadataOf(user.id, websiteId);
  return {
    id: user.id,
    isSnagSuperAdmin: false,
    walletAddress: user.walletAddress ?? '',
    temporaryLoyaltyUser: false,
    ...(withDelegations ? { delegationsFrom: [] } : {}),
    userMetadata: metadata ? [presentMetadata(metadata)] : [],
    websiteUserAttributes: attributesWithValues(state, state.valuesOfUsers([user.id]).filter((v) => v.websiteId === websiteId)),
  };
}

function presentMetadata(metadata: SnagUserMetadata): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const name of LISTED_METADATA_FIELDS) if (Object.hasOwn(metadata.fields, name)) shown[name] = metadata.fields[name];
  return { ...shown, createdAt: metadata.createdAt, updatedAt: metadata.updatedAt };
}

/** `[{id, label, websiteUserAttributeValues: [...]}]`, attributes in the order their first value was written. */
function attributesWithValues(state: SnagState, values: SnagValue[]): Array<Record<string, unknown>> {
  const byAttribute = new Map<string, Array<Record<string, string>>>();
  for (const v of values) {
    const list = byAttribute.get(v.websiteUserAttributeId) ?? [];
    list.push({ id: v.id, userId: v.userId, value: v.value, websiteUserAttributeId: v.websiteUserAttributeId });
    byAttribute.set(v.websiteUserAttributeId, list);
  }
  return [...byAttribute].map(([id, websiteUserAttributeValues]) => ({ id, label: state.attributes.get(id)?.label ?? '', websiteUserAttributeValues }));
}
