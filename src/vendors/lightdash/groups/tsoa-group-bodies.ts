import { asTsoaList, type FieldErrors } from '../tsoa-body-errors.js';

/**
 * TSOA's body checks (@tsoa/runtime 6, throw-on-extras, bodyCoercion on) for the two group bodies:
 * CreateGroup = Pick<Group, 'name'> & {members?} is an intersection, so TSOA validates each member on a copy
 * with silently-remove-extras and wraps failures in one `body` entry; UpdateGroupWithMembers is a plain model,
 * so its own extra keys (and those of its members[] items) are errors of their own.
 */

export interface MemberRef {
  userUuid: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** TSOA's excess-property entry: keys joined, value holding just those keys (built as TSOA's reduce builds it). */
function excess(keys: string[], value: Record<string, unknown>): { message: string; value: unknown } {
  const extras = keys.reduce<Record<string, unknown>>((acc, key) => Object.defineProperty({ ...acc }, key, { value: value[key], enumerable: true, writable: true, configurable: true }), {});
  return { message: `"${keys.join(',')}" is an excess property and therefore is not allowed`, value: extras };
}

/** members[] items: a userUuid string each; `strictItems` is throw-on-extras, otherwise extras are dropped. */
function memberErrors(value: unknown, errors: FieldErrors, strictItems: boolean): void {
  asTsoaList(value).forEach((item, index) => {
    const path = `members.$${index}`;
    if (!isObject(item)) {
      errors[path] = { message: 'invalid object', value: item };
      return;
    }
    const extras = Object.keys(item).filter((key) => key !== 'userUuid');
    if (strictItems && extras.length > 0) errors[path] = excess(extras, item);
    if (item.userUuid === undefined) errors[`${path}.userUuid`] = { message: "'userUuid' is required" };
    else if (typeof item.userUuid !== 'string') errors[`${path}.userUuid`] = { message: 'invalid string value', value: item.userUuid };
  });
}

/** The members a valid body names, as the controller receives them (extras dropped, a lone object listed). */
function memberRefs(value: unknown): MemberRef[] | undefined {
  return value === undefined ? undefined : asTsoaList(value).map((item) => ({ userUuid: (item as MemberRef).userUuid }));
}

/** CreateGroup: TSOA's field errors, or the body as the controller receives it. */
export function createGroupBody(body: unknown): { errors: FieldErrors } | { name: string; members?: MemberRef[] } {
  const pick: FieldErrors = {};
  const rest: FieldErrors = {};
  if (!isObject(body)) {
    pick.body = { message: 'invalid object', value: body };
    rest.body = { message: 'invalid object', value: body };
  } else {
    if (body.name === undefined) pick['body.name'] = { message: "'name' is required" };
    else if (typeof body.name !== 'string') pick['body.name'] = { message: 'invalid string value', value: body.name };
    if (body.members !== undefined) memberErrors(body.members, rest, false);
  }
  const failing = [pick, rest].filter((errors) => Object.keys(errors).length > 0);
  if (failing.length > 0) return { errors: { body: { message: `Could not match the intersection against every type. Issues: ${JSON.stringify(failing)}`, value: body } } };
  const valid = body as Record<string, unknown>;
  if (Object.keys(valid).some((key) => key !== 'name' && key !== 'members')) {
    return { errors: { body: { message: 'Could not match intersection against any of the possible combinations: [["name","members"]]', value: body } } };
  }
  const members = memberRefs(valid.members);
  return members === undefined ? { name: valid.name as string } : { name: valid.name as string, members };
}

/** UpdateGroupWithMembers: TSOA's field errors, or the update as the controller receives it. */
export function updateGroupBody(body: unknown): { errors: FieldErrors } | { name?: string; members?: MemberRef[] } {
  const errors: FieldErrors = {};
  if (!isObject(body)) return { errors: { body: { message: 'invalid object', value: body } } };
  const extras = Object.keys(body).filter((key) => key !== 'name' && key !== 'members');
  if (extras.length > 0) errors.body = excess(extras, body);
  if (body.name !== undefined && typeof body.name !== 'string') errors['body.name'] = { message: 'invalid string value', value: body.name };
  if (body.members !== undefined) memberErrors(body.members, errors, true);
  if (Object.keys(errors).length > 0) return { errors };
  const update: { name?: string; members?: MemberRef[] } = {};
  if (body.name !== undefined) update.name = body.name as string;
  const members = memberRefs(body.members);
  if (members !== undefined) update.members = members;
  return update;
}
