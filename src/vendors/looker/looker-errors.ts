import { MockError } from '../../engine/errors.js';

/** One entry of Looker's 422 `errors` list (the formatter adds documentation_url). */
export interface FieldError {
  field: string;
  code: 'missing' | 'already_exists' | 'invalid';
  message: string;
}

/** 422 Validation Failed with Looker's per-field errors. */
export function validationFailed(errors: FieldError[]): MockError {
  return new MockError({ kind: 'validation', status: 422, message: 'Validation Failed', data: { errors } });
}

/** 404 Not found, for any id the instance does not know. */
export function notFound(): MockError {
  return new MockError({ kind: 'not_found', status: 404 });
}

/** 400 with an explanation, for requests Looker refuses outright (e.g. deleting a permanent attribute). */
export function badRequest(message: string): MockError {
  return new MockError({ kind: 'validation', status: 400, message });
}

/** 403 for something the API user may not do (e.g. set a system attribute's value). */
export function forbidden(message: string): MockError {
  return new MockError({ kind: 'forbidden', status: 403, message });
}

export function missing(field: string): FieldError {
  return { field, code: 'missing', message: 'This field is required.' };
}
