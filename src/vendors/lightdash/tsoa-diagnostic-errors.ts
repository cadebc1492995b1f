import type { Diagnostic } from '../../engine/types.js';
import type { Operation } from '../../engine/types.js';
import { tsoaBodyErrors } from './tsoa-body-checks.js';
import type { FieldErrors } from './tsoa-body-errors.js';

const PICK_KEYS = new Set(['description', 'name', 'attributeDefault']);

/**
 * TSOA's field map rebuilt from the engine's diagnostics, for when the request body itself is not at hand:
 * query parameters are keyed by their name (`page`), body failures are wrapped the way TSOA wraps the
 * CreateUserAttribute intersection. Values are left out because diagnostics do not carry them.
 */
export function tsoaErrorsFromDiagnostics(diagnostics: Diagnostic[], op?: Operation): FieldErrors {
  const errors: FieldErrors = {};
  for (const d of diagnostics) {
    if (d.location === 'query' || d.location === 'path' || d.location === 'header') errors[d.pointer.slice(1)] = { message: scalarMessage(d) };
  }
  const body = diagnostics.filter((d) => d.location === 'body');
  if (body.length > 0) Object.assign(errors, bodyErrors(body, op));
  return errors;
}

function scalarMessage(d: Diagnostic): string {
  if (d.keyword === 'required') return `'${d.pointer.slice(1)}' is required`;
  // validateString's pattern check (e.g. the UUID type of GetOrganizationMemberByUuid's userUuid).
  if (d.keyword === 'pattern') return `Not match in '${String(d.params.pattern)}'`;
  const type = String(d.params.type ?? '');
  if (type === 'number') return 'invalid float number';
  if (type === 'integer') return 'invalid integer number';
  if (type === 'boolean') return 'invalid boolean value';
  return 'invalid string value';
}

function bodyErrors(body: Diagnostic[], op?: Operation): FieldErrors {
  // A missing body reaches TSOA as {} (express.json leaves req.body = {}).
  if (body.some((d) => d.pointer === '' && d.keyword === 'required')) return tsoaBodyErrors(op, {}) ?? {};
  const pick: FieldErrors = {};
  const lists: FieldErrors = {};
  for (const d of body) {
    const segments = d.pointer.split('/').slice(1);
    const [top, index, field] = segments;
    if (top === undefined) {
      pick.body = { message: 'invalid object' };
      lists.body = { message: 'invalid object' };
    } else if (PICK_KEYS.has(top)) {
      pick[`body.${top}`] = { message: d.keyword === 'required' ? `'${top}' is required` : 'invalid string value' };
    } else if (index === undefined) {
      if (d.keyword === 'required') lists[`body.${top}`] = { message: `'${top}' is required` };
      else lists[`${top}.$0`] = { message: 'invalid object' };
    } else {
      const path = field === undefined ? `${top}.$${index}` : `${top}.$${index}.${field}`;
      lists[path] = { message: field === undefined ? 'invalid object' : d.keyword === 'required' ? `'${field}' is required` : 'invalid string value' };
    }
  }
  const members = [pick, lists].filter((errors) => Object.keys(errors).length > 0);
  return { body: { message: `Could not match the intersection against every type. Issues: ${JSON.stringify(members)}` } };
}
