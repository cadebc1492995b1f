import type { LookerState } from './looker-state.js';
import { missing, type FieldError } from './looker-errors.js';
import { ATTRIBUTE_TYPES, type AttributeType, type LookerAttribute } from './model.js';

const NAME_PATTERN = /^[a-z0-9_]+$/;

const VALUE_CHECKS: Partial<Record<AttributeType, (value: string) => boolean>> = {
  number: (v) => /^-?\d+(\.\d+)?$/.test(v.trim()),
  yesno: (v) => /^(yes|no)$/i.test(v.trim()),
  zipcode: (v) => /^\d{5}(-\d{4})?$/.test(v.trim()),
  datetime: (v) => v.trim() !== '' && !Number.isNaN(Date.parse(v)),
  relative_url: (v) => v.startsWith('/'),
};

/**
 * Whether a value suits an attribute type. Looker's admin docs say only that the type is used "to check that
 * valid values are assigned"; no format is published, so these patterns are the mock's judgement.
 */
export function checkAttributeValue(type: AttributeType, value: string): boolean {
  return VALUE_CHECKS[type]?.(value) ?? true;
}

export function isAttributeType(value: unknown): value is AttributeType {
  return typeof value === 'string' && (ATTRIBUTE_TYPES as readonly string[]).includes(value);
}

/** Checks a value for an attribute, naming the field `value` as Looker does. */
export function valueErrors(attribute: LookerAttribute, value: unknown): FieldError[] {
  if (value === undefined || value === null) return [missing('value')];
  if (typeof value !== 'string' || !checkAttributeValue(attribute.type, value)) {
    return [{ field: 'value', code: 'invalid', message: `Value is not a valid ${attribute.type}.` }];
  }
  return [];
}

/**
 * Checks a merged attribute (current record plus the request's writable fields) against Looker's rules:
 * name, label and type present; name and label unique; name of lowercase letters, digits and underscores;
 * a known type; a default that suits it; a hidden attribute with its domain allowlist, hidden for good.
 * Labels compare case-sensitively and a type may change over existing values: both the mock's judgement.
 */
export function attributeErrors(state: LookerState, next: Partial<LookerAttribute>, current?: LookerAttribute): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['name', 'label', 'type'] as const) {
    if (next[field] === undefined || next[field] === null || next[field] === '') errors.push(missing(field));
  }
  if (next.name && !NAME_PATTERN.test(next.name)) {
    errors.push({ field: 'name', code: 'invalid', message: 'Name may only contain lowercase letters, numbers and underscores.' });
  }
  const sameName = next.name ? state.attributeIdByName(next.name) : undefined;
  if (sameName !== undefined && sameName !== current?.id) errors.push({ field: 'name', code: 'already_exists', message: 'Name has already been taken.' });
  const sameLabel = next.label ? state.attributeIdByLabel(next.label) : undefined;
  if (sameLabel !== undefined && sameLabel !== current?.id) errors.push({ field: 'label', code: 'already_exists', message: 'Label has already been taken.' });
  if (next.type && !isAttributeType(next.type)) {
    errors.push({ field: 'type', code: 'invalid', message: `Type must be one of ${ATTRIBUTE_TYPES.join(', ')}.` });
  } else if (next.type && typeof next.default_value === 'string' && !checkAttributeValue(next.type, next.default_value)) {
    errors.push({ field: 'default_value', code: 'invalid', message: `Default value is not a valid ${next.type}.` });
  }
  const whitelist = next.hidden_value_domain_whitelist;
  if (typeof whitelist === 'string' && whitelist.split(',').some((entry) => entry.trim() === '')) {
    // looker-open-source/sdk-codegen's node test expects exactly this for '' on a visible attribute.
    errors.push({ field: 'hidden_value_domain_whitelist', code: 'invalid', message: 'hidden_value_domain_whitelist must be a comma-separated list of urls with optional wildcards' });
  } else if (next.value_is_hidden && !whitelist) errors.push(missing('hidden_value_domain_whitelist'));
  // No reference says whether Looker lets a hidden attribute be shown again; refusing is the mock's judgement
  // (x-attrmock of update_user_attribute), the safe side for values that were stored as secrets.
  if (current?.value_is_hidden && next.value_is_hidden === false) {
    errors.push({ field: 'value_is_hidden', code: 'invalid', message: 'A user attribute that hides its values cannot be changed back.' });
  }
  const lockedWhitelist = current?.hidden_value_domain_whitelist;
  if (lockedWhitelist && next.hidden_value_domain_whitelist !== lockedWhitelist) {
    errors.push({ field: 'hidden_value_domain_whitelist', code: 'invalid', message: 'Hidden value domain allowlist cannot be changed once set.' });
  }
  if (current?.is_system) errors.push({ field: 'is_system', code: 'invalid', message: 'System user attributes cannot be edited.' });
  return errors;
}
