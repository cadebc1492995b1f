import { MockError } from '../../../engine/errors.js';
import type { Handler } from '../../../engine/vendor.js';
import { missing, notFound, validationFailed, type FieldError } from '../looker-errors.js';
import type { LookerState } from '../looker-state.js';
import type { LookerPrincipal, LookerUser } from '../model.js';
import { serializeCredentialsEmail } from '../serialize.js';
import { requestedFields, trimFields } from '../trim-fields.js';
import { findUser, syncSystemValues } from './user-records.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

// Loose on purpose: Looker's own check is unpublished; one @ with text either side is the mock's judgement.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Email logins are unique across users, compared without letter case (the mock's judgement). */
function emailErrors(state: LookerState, email: unknown, owner: LookerUser): FieldError[] {
  if (email === undefined || email === null || email === '') return [missing('email')];
  if (typeof email !== 'string' || !EMAIL.test(email)) return [{ field: 'email', code: 'invalid', message: 'Email is not a valid email address.' }];
  const wanted = email.toLowerCase();
  const taken = [...state.users.values()].some((u) => u.id !== owner.id && u.email?.toLowerCase() === wanted);
  return taken ? [{ field: 'email', code: 'already_exists', message: 'Email has already been taken.' }] : [];
}

function answer(user: LookerUser, query: Record<string, unknown>) {
  return { status: 200, body: trimFields(serializeCredentialsEmail(user), requestedFields(query)) };
}

function withEmail(state: LookerState, id: unknown): LookerUser {
  const user = findUser(state, id);
  if (user.email === null) throw notFound();
  return user;
}

function setEmail(state: LookerState, user: LookerUser, body: unknown, now: Date): void {
  const email = (body as Record<string, unknown> | undefined)?.email;
  const errors = emailErrors(state, email, user);
  if (errors.length > 0) throw validationFailed(errors);
  if (user.email === null) user.email_created_at = now.toISOString();
  user.email = email as string;
  syncSystemValues(state, user);
}

/** POST /users/{user_id}/credentials_email (admin only); a user who has one already gets 409. */
export const createUserCredentialsEmail: LookerHandler = ({ state, params, body, query, now }) => {
  const user = findUser(state, params.user_id);
  if (user.email !== null) throw new MockError({ kind: 'conflict', status: 409 });
  setEmail(state, user, body, now());
  return answer(user, query);
};

/** GET /users/{user_id}/credentials_email: 404 for a user without an email login. */
export const userCredentialsEmail: LookerHandler = ({ state, params, query }) => answer(withEmail(state, params.user_id), query);

/** PATCH /users/{user_id}/credentials_email: a new address, under the same rules as create. */
export const updateUserCredentialsEmail: LookerHandler = ({ state, params, body, query, now }) => {
  const user = withEmail(state, params.user_id);
  if ((body as Record<string, unknown> | undefined)?.email !== undefined) setEmail(state, user, body, now());
  return answer(user, query);
};

/** DELETE /users/{user_id}/credentials_email: the user keeps their account but can no longer log in by email. */
export const deleteUserCredentialsEmail: LookerHandler = ({ state, params }) => {
  const user = withEmail(state, params.user_id);
  user.email = null;
  delete user.email_created_at;
  syncSystemValues(state, user);
  return { status: 204 };
};
