import type { Handler } from '../../engine/vendor.js';
import { attributeErrors } from './attribute-rules.js';
import { sortRecords } from './list-query.js';
import { badRequest, notFound, validationFailed } from './looker-errors.js';
import type { LookerState } from './looker-state.js';
import type { LookerAttribute, LookerPrincipal } from './model.js';
import { callerIsAdmin } from './permissions.js';
import { HIDDEN_DEFAULT, serializeAttribute } from './serialize.js';
import { requestedFields, trimFields } from './trim-fields.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

/** The properties a client may write; the spec's readOnly ones (id, is_system, is_permanent, can) are ignored. */
const WRITABLE = [
  'name',
  'label',
  'type',
  'default_value',
  'value_is_hidden',
  'user_can_view',
  'user_can_edit',
  'hidden_value_domain_whitelist',
  'needed_for_ci_run',
  'value_for_ci_run',
] as const;

const DEFAULTS: Omit<LookerAttribute, 'id' | 'name' | 'label' | 'type'> = {
  default_value: null,
  is_system: false,
  is_permanent: false,
  value_is_hidden: false,
  user_can_view: true,
  user_can_edit: false,
  hidden_value_domain_whitelist: null,
  needed_for_ci_run: false,
  value_for_ci_run: null,
};

function writableFields(body: unknown): Partial<LookerAttribute> {
  const source = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of WRITABLE) if (key in source) out[key] = source[key];
  return out as Partial<LookerAttribute>;
}

export function findAttribute(state: LookerState, id: unknown): LookerAttribute {
  const attribute = state.attributes.get(String(id));
  if (!attribute) throw notFound();
  return attribute;
}

/** GET /user_attributes (sortable by name, label). */
export const allUserAttributes: LookerHandler = ({ state, query, principal }) => {
  const admin = callerIsAdmin(principal);
  const list = sortRecords([...state.attributes.values()].map((a) => serializeAttribute(a, admin)), query.sorts);
  return { status: 200, body: trimFields(list, requestedFields(query)) };
};

/** POST /user_attributes (admin only, see permissions.ts): every broken rule is reported at once in one 422. */
export const createUserAttribute: LookerHandler = ({ state, body, query, principal }) => {
  const next = { ...DEFAULTS, ...writableFields(body) };
  const errors = attributeErrors(state, next);
  if (errors.length > 0) throw validationFailed(errors);
  const attribute = { ...next, id: state.takeId('user_attribute') } as LookerAttribute;
  state.putAttribute(attribute);
  return { status: 200, body: trimFields(serializeAttribute(attribute, callerIsAdmin(principal)), requestedFields(query)) };
};

/** GET /user_attributes/{user_attribute_id}. */
export const userAttribute: LookerHandler = ({ state, params, query, principal }) => {
  const attribute = findAttribute(state, params.user_attribute_id);
  return { status: 200, body: trimFields(serializeAttribute(attribute, callerIsAdmin(principal)), requestedFields(query)) };
};

/** PATCH /user_attributes/{user_attribute_id} (admin only): a partial update under the same rules as create. */
export const updateUserAttribute: LookerHandler = ({ state, params, body, query, principal }) => {
  const current = findAttribute(state, params.user_attribute_id);
  const changes = writableFields(body);
  // A client that reads a hidden attribute and writes it back sends the placeholder it was shown: that is
  // no new default, and storing it would hand every user "DEFAULT_IS_SET" (the mock's judgement).
  if (current.value_is_hidden && changes.default_value === HIDDEN_DEFAULT) delete changes.default_value;
  const next = { ...current, ...changes };
  const errors = attributeErrors(state, next, current);
  if (errors.length > 0) throw validationFailed(errors);
  state.putAttribute(next);
  return { status: 200, body: trimFields(serializeAttribute(next, callerIsAdmin(principal)), requestedFields(query)) };
};

/** DELETE /user_attributes/{user_attribute_id} (admin only): also deletes its user and group values. */
export const deleteUserAttribute: LookerHandler = ({ state, params }) => {
  const attribute = findAttribute(state, params.user_attribute_id);
  if (attribute.is_permanent || attribute.is_system) throw badRequest('Permanent user attributes cannot be deleted.');
  state.deleteAttribute(attribute.id);
  return { status: 204 };
};
