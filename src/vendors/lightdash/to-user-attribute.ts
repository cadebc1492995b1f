import type { LightdashState } from './lightdash-state.js';
import type { StoredAttribute } from './model.js';

/**
 * UserAttribute as UserAttributesModel.find builds it: users carry the member's email (joined from the
 * emails table) and description is dropped when empty (`description || undefined`).
 */
export function toUserAttribute(state: LightdashState, attribute: StoredAttribute): Record<string, unknown> {
  const out: Record<string, unknown> = {
    uuid: attribute.uuid,
    createdAt: attribute.createdAt,
    name: attribute.name,
    organizationUuid: attribute.organizationUuid,
  };
  if (attribute.description) out.description = attribute.description;
  out.attributeDefault = attribute.attributeDefault;
  out.users = attribute.users.map((u) => ({ userUuid: u.userUuid, value: u.value, email: state.member(u.userUuid)?.email ?? '' }));
  out.groups = attribute.groups.map((g) => ({ groupUuid: g.groupUuid, value: g.value }));
  return out;
}
