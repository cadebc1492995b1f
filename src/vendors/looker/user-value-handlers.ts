import type { Handler } from '../../engine/vendor.js';
import { findAttribute } from './attribute-handlers.js';
import { valueErrors } from './attribute-rules.js';
import { notFound, validationFailed } from './looker-errors.js';
import type { LookerState } from './looker-state.js';
import type { LookerAttribute, LookerPrincipal } from './model.js';
import { assertMayReadUserValues, assertMaySetUserValue, callerIsAdmin, mayViewValues } from './permissions.js';
import { readListParameter } from './list-parameter.js';
import { resolveUserValues, searchPath, serializeResolved } from './resolve-values.js';
import { requestedFields, trimFields } from './trim-fields.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

/** The engine coerces booleans; a raw `true` string is accepted as well. */
function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function findUser(state: LookerState, id: unknown): string {
  const userId = String(id);
  if (!state.users.has(userId)) throw notFound();
  return userId;
}

/** The attribute whose value the caller wants to set for the user; 404 for unknown ids comes before 403. */
function editableAttribute(state: LookerState, principal: LookerPrincipal, userId: string, id: unknown): LookerAttribute {
  const attribute = findAttribute(state, id);
  assertMaySetUserValue(principal, userId, attribute);
  return attribute;
}

/**
 * GET /users/{user_id}/attribute_values: resolved values; see resolve-values.ts for the search path. A non-admin
 * (who reads only their own) gets none of an attribute without user_can_view, even with include_unset.
 */
export const userAttributeUserValues: LookerHandler = ({ state, params, query, principal, warn }) => {
  const userId = findUser(state, params.user_id);
  assertMayReadUserValues(principal, userId);
  const admin = callerIsAdmin(principal);
  const resolved = resolveUserValues(state, userId, {
    attributeIds: readListParameter(query, 'user_attribute_ids', warn),
    allValues: isTrue(query.all_values),
    includeUnset: isTrue(query.include_unset),
  });
  const body = resolved.filter((r) => mayViewValues(r.attribute, admin)).map((r) => serializeResolved(r, userId, admin));
  return { status: 200, body: trimFields(body, requestedFields(query)) };
};

/** PATCH /users/{user_id}/attribute_values/{id}: the user's own value, which beats groups and the default. */
export const setUserAttributeUserValue: LookerHandler = ({ state, params, body, principal }) => {
  const userId = findUser(state, params.user_id);
  const attribute = editableAttribute(state, principal, userId, params.user_attribute_id);
  const value = (body as Record<string, unknown> | undefined)?.value;
  const errors = valueErrors(attribute, value);
  if (errors.length > 0) throw validationFailed(errors);
  state.setUserValue(attribute.id, userId, String(value));
  const [applied] = searchPath(state, userId, attribute);
  return { status: 200, body: applied ? serializeResolved(applied, userId, callerIsAdmin(principal)) : {} };
};

/** DELETE /users/{user_id}/attribute_values/{id}: later reads fall back to groups or the default. */
export const deleteUserAttributeUserValue: LookerHandler = ({ state, params, principal }) => {
  const userId = findUser(state, params.user_id);
  const attribute = editableAttribute(state, principal, userId, params.user_attribute_id);
  state.deleteUserValue(attribute.id, userId);
  return { status: 204 };
};
