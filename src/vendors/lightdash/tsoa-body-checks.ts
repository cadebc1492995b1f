import type { Operation } from '../../engine/types.js';
import { createGroupBody, updateGroupBody } from './groups/tsoa-group-bodies.js';
import { tsoaCreateUserAttributeErrors, type FieldErrors } from './tsoa-body-errors.js';

type BodyCheck = (body: unknown) => FieldErrors | undefined;

const errorsOf = (result: object): FieldErrors | undefined => ('errors' in result ? (result.errors as FieldErrors) : undefined);

/** Each operation's TSOA body check (its @Body type), by operationId. */
const CHECKS: Record<string, BodyCheck> = {
  createUserAttribute: tsoaCreateUserAttributeErrors,
  updateUserAttribute: tsoaCreateUserAttributeErrors,
  CreateGroupInOrganization: (body) => errorsOf(createGroupBody(body)),
  updateGroup: (body) => errorsOf(updateGroupBody(body)),
};

/** TSOA's field errors for a body sent to an operation, or undefined when TSOA accepts it (or the operation takes none). */
export function tsoaBodyErrors(op: Operation | undefined, body: unknown): FieldErrors | undefined {
  const check = op && CHECKS[op.operationId];
  return check ? check(body) : undefined;
}
