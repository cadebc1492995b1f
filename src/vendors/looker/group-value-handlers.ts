import type { Handler } from '../../engine/vendor.js';
import { findAttribute } from './attribute-handlers.js';
import { valueErrors } from './attribute-rules.js';
import { missing, notFound, validationFailed, type FieldError } from './looker-errors.js';
import type { LookerState } from './looker-state.js';
import type { GroupValue, LookerAttribute, LookerPrincipal } from './model.js';
import { assertMaySetGroupValue } from './permissions.js';
import { serializeGroupValue } from './serialize.js';
import { requestedFields, trimFields } from './trim-fields.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

function listBody(state: LookerState, attribute: LookerAttribute): Record<string, unknown>[] {
  return state.groupValues(attribute.id).map((v) => serializeGroupValue(v, attribute));
}

/** GET /user_attributes/{id}/group_values (admin only), in precedence order. */
export const allUserAttributeGroupValues: LookerHandler = ({ state, params, query }) => {
  const attribute = findAttribute(state, params.user_attribute_id);
  return { status: 200, body: trimFields(listBody(state, attribute), requestedFields(query)) };
};

/**
 * POST /user_attributes/{id}/group_values (admin only): replaces every group value of the attribute. Precedence
 * is the array order, or `rank` (lowest wins) when every item carries one; ranking only some items is refused.
 */
export const setUserAttributeGroupValues: LookerHandler = ({ state, params, body }) => {
  const attribute = findAttribute(state, params.user_attribute_id);
  const items = (Array.isArray(body) ? body : []) as Array<Record<string, unknown>>;
  const errors = groupValuesErrors(state, attribute, items);
  if (errors.length > 0) throw validationFailed(errors);
  const ranked = items.every((item) => typeof item.rank === 'number');
  const values: GroupValue[] = items.map((item, i) => ({
    id: state.takeId('group_value'),
    group_id: String(item.group_id),
    user_attribute_id: attribute.id,
    rank: ranked ? (item.rank as number) : i + 1,
    value: String(item.value),
  }));
  state.replaceGroupValues(attribute.id, values);
  return { status: 200, body: listBody(state, attribute) };
};

function groupValuesErrors(state: LookerState, attribute: LookerAttribute, items: Array<Record<string, unknown>>): FieldError[] {
  const errors: FieldError[] = [];
  // A system attribute's value comes from Looker itself; 422 because this operation documents no 403.
  if (attribute.is_system) {
    errors.push({ field: 'user_attribute_id', code: 'invalid', message: `System user attribute ${attribute.name} cannot have group values.` });
  }
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const groupId = item.group_id;
    if (groupId === undefined || groupId === null || groupId === '') errors.push(missing(`group_values[${i}].group_id`));
    else if (!state.groups.has(String(groupId))) errors.push({ field: `group_values[${i}].group_id`, code: 'invalid', message: `Group ${String(groupId)} does not exist.` });
    else if (seen.has(String(groupId))) errors.push({ field: `group_values[${i}].group_id`, code: 'already_exists', message: 'Group appears more than once.' });
    seen.add(String(groupId));
    for (const e of valueErrors(attribute, item.value)) errors.push({ ...e, field: `group_values[${i}].value` });
  });
  const rankedCount = items.filter((item) => typeof item.rank === 'number').length;
  if (rankedCount > 0 && rankedCount < items.length) {
    errors.push({ field: 'rank', code: 'invalid', message: 'When using rank, every group value must have a rank.' });
  }
  return errors;
}

function findGroup(state: LookerState, id: unknown): string {
  const groupId = String(id);
  if (!state.groups.has(groupId)) throw notFound();
  return groupId;
}

/** PATCH /groups/{group_id}/attribute_values/{id}: sets one group's value; a new one ranks last. */
export const updateUserAttributeGroupValue: LookerHandler = ({ state, params, body, principal }) => {
  const groupId = findGroup(state, params.group_id);
  const attribute = findAttribute(state, params.user_attribute_id);
  assertMaySetGroupValue(principal, attribute);
  const value = (body as Record<string, unknown> | undefined)?.value;
  const errors = valueErrors(attribute, value);
  if (errors.length > 0) throw validationFailed(errors);
  const current = state.groupValues(attribute.id);
  const existing = current.find((v) => v.group_id === groupId);
  const lastRank = current.reduce((max, v) => Math.max(max, v.rank), 0);
  const updated: GroupValue = existing
    ? { ...existing, value: String(value) }
    : { id: state.takeId('group_value'), group_id: groupId, user_attribute_id: attribute.id, rank: lastRank + 1, value: String(value) };
  state.replaceGroupValues(attribute.id, [...current.filter((v) => v.group_id !== groupId), updated]);
  return { status: 200, body: serializeGroupValue(updated, attribute) };
};

/**
 * DELETE /groups/{group_id}/attribute_values/{id}: members fall back to other groups or the default. A system
 * attribute has no group values to delete (setting them is refused), so an admin gets 204 and nothing changes.
 */
export const deleteUserAttributeGroupValue: LookerHandler = ({ state, params, principal }) => {
  const groupId = findGroup(state, params.group_id);
  const attribute = findAttribute(state, params.user_attribute_id);
  assertMaySetGroupValue(principal, attribute);
  state.replaceGroupValues(attribute.id, state.groupValues(attribute.id).filter((v) => v.group_id !== groupId));
  return { status: 204 };
};
