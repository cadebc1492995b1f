/**
 * The body check of Lightdash's TSOA-generated routes (@tsoa/runtime 6 ValidationService, throw-on-extras),
 * reproduced for `CreateUserAttribute = Pick<UserAttribute, 'name' | 'description' | 'attributeDefault'> &
 * { users; groups }`. Because the body type is an intersection, TSOA validates each member on a copy (with
 * silently-remove-extras) and reports ONE `body` entry that embeds the members' own field maps as JSON;
 * only when both members pass does it reject top-level properties outside the combined type.
 * Lightdash's tsoa.json leaves `bodyCoercion` at its default (true), so validateArray takes a non-array as a
 * one-item array and hands that array to the controller.
 */

export type FieldErrors = Record<string, { message: string; value?: unknown }>;

/** Property order as in Lightdash's generated swagger (0.3233.0); it shows in the "combinations" message. */
const PICK_KEYS = ['description', 'name', 'attributeDefault'] as const;
const LIST_KEYS = ['groups', 'users'] as const;
const ITEM_KEYS = { groups: ['value', 'groupUuid'], users: ['userUuid', 'value'] } as const;

/** Returns TSOA's field errors for a CreateUserAttribute body, or undefined when TSOA accepts it. */
export function tsoaCreateUserAttributeErrors(body: unknown): FieldErrors | undefined {
  const members = [pickErrors(body), listErrors(body)].filter((errors) => Object.keys(errors).length > 0);
  if (members.length > 0) {
    return { body: { message: `Could not match the intersection against every type. Issues: ${JSON.stringify(members)}`, value: body } };
  }
  const known = new Set<string>([...PICK_KEYS, ...LIST_KEYS]);
  if (Object.keys(body as object).some((key) => !known.has(key))) {
    const combinations = JSON.stringify([[...PICK_KEYS, ...LIST_KEYS]]);
    return { body: { message: `Could not match intersection against any of the possible combinations: ${combinations}`, value: body } };
  }
  return undefined;
}

/** A list field as TSOA hands it to the controller: a non-array becomes the array's only element. */
export function asTsoaList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pickErrors(body: unknown): FieldErrors {
  if (!isObject(body)) return { body: { message: 'invalid object', value: body } };
  const errors: FieldErrors = {};
  for (const key of PICK_KEYS) {
    const value = body[key];
    const path = `body.${key}`;
    if (value === undefined) {
      if (key !== 'description') errors[path] = { message: `'${key}' is required` };
    } else if (key === 'attributeDefault') {
      if (value !== null && typeof value !== 'string') errors[path] = unionError(path, value);
    } else if (typeof value !== 'string') {
      errors[path] = { message: 'invalid string value', value };
    }
  }
  return errors;
}

/** `string | null`: TSOA tries each member and lists both failures. */
function unionError(path: string, value: unknown): { message: string; value: unknown } {
  const issues = [{ [path]: { message: 'invalid string value', value } }, { [path]: { message: 'should be one of the following; [null]', value } }];
  return { message: `Could not match the union against any of the items. Issues: ${JSON.stringify(issues)}`, value };
}

function listErrors(body: unknown): FieldErrors {
  if (!isObject(body)) return { body: { message: 'invalid object', value: body } };
  const errors: FieldErrors = {};
  for (const key of LIST_KEYS) {
    const value = body[key];
    if (value === undefined) {
      errors[`body.${key}`] = { message: `'${key}' is required` };
      continue;
    }
    // TSOA names elements after the array alone (`users.$0.value`, without `body.`).
    asTsoaList(value).forEach((item, index) => itemErrors(key, index, item, errors));
  }
  return errors;
}

function itemErrors(list: (typeof LIST_KEYS)[number], index: number, item: unknown, errors: FieldErrors): void {
  const path = `${list}.$${index}`;
  if (!isObject(item)) {
    errors[path] = { message: 'invalid object', value: item };
    return;
  }
  for (const key of ITEM_KEYS[list]) {
    const value = item[key];
    if (value === undefined) errors[`${path}.${key}`] = { message: `'${key}' is required` };
    else if (typeof value !== 'string') errors[`${path}.${key}`] = { message: 'invalid string value', value };
  }
}
