import type { Handler } from '../../engine/vendor.js';
import { attributeInput, checkConstraints } from './attribute-input.js';
import { lightdashErrors } from './lightdash-errors.js';
import type { LightdashState } from './lightdash-state.js';
import type { LightdashPrincipal, StoredAttribute } from './model.js';
import { toUserAttribute } from './to-user-attribute.js';

type LightdashHandler = Handler<LightdashState, LightdashPrincipal>;

/** CASL `manage:Organization` on that organization: only its admins. */
function requireAdminOf(principal: LightdashPrincipal, organizationUuid: string): void {
  if (principal.role !== 'admin' || principal.organizationUuid !== organizationUuid) throw lightdashErrors.forbidden();
}

/** model.get looks the uuid up in every organization; the service dereferences what it gets, so a miss is a 500. */
function existing(state: LightdashState, uuid: unknown): StoredAttribute {
  const found = state.attribute(String(uuid));
  if (!found) throw lightdashErrors.unexpected(`no user attribute ${String(uuid)}`);
  return found;
}

/** The UserAttributesController operations, in the order the service checks things. */
export const attributeHandlers: Record<string, LightdashHandler> = {
  getUserAttributes: ({ state, principal }) => {
    requireAdminOf(principal, principal.organizationUuid);
    const results = state.attributesOf(principal.organizationUuid).map((a) => toUserAttribute(state, a));
    return { status: 200, body: { status: 'ok', results } };
  },

  createUserAttribute: ({ state, principal, body, faker, now }) => {
    const input = attributeInput(body);
    requireAdminOf(principal, principal.organizationUuid);
    checkConstraints(state, principal.organizationUuid, input);
    const attribute: StoredAttribute = { uuid: faker.string.uuid(), organizationUuid: principal.organizationUuid, createdAt: now().toISOString(), ...input };
    state.insertAttribute(attribute);
    return { status: 201, body: { status: 'ok', results: toUserAttribute(state, attribute) } };
  },

  updateUserAttribute: ({ state, principal, params, body }) => {
    const input = attributeInput(body);
    const current = existing(state, params.userAttributeUuid);
    requireAdminOf(principal, current.organizationUuid);
    checkConstraints(state, current.organizationUuid, input, current.uuid);
    const updated = state.updateAttribute(current.uuid, input);
    return { status: 201, body: { status: 'ok', results: toUserAttribute(state, updated) } };
  },

  removeUserAttribute: ({ state, principal, params }) => {
    const current = existing(state, params.userAttributeUuid);
    requireAdminOf(principal, current.organizationUuid);
    state.deleteAttribute(current.uuid);
    return { status: 200, body: { status: 'ok' } };
  },
};
