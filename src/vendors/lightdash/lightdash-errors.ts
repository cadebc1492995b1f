import { MockError } from '../../engine/errors.js';
import type { FieldErrors } from './tsoa-body-errors.js';

/**
 * The errors Lightdash raises, as MockErrors the formatter understands. `data.name` carries the Lightdash
 * error class when the kind alone does not decide it.
 */
export const lightdashErrors = {
  /** passport-headerapikey found no `ApiKey ` header: the plain-text 401. */
  missingApiKey: (): MockError => new MockError({ kind: 'unauthenticated', status: 401, data: { passport: true } }),
  /** The token is not a known personal access token. */
  unknownToken: (): MockError => new MockError({ kind: 'unauthenticated', status: 401, message: 'Personal access token is not recognised' }),
  /** CASL said no (ForbiddenError's default message). */
  forbidden: (): MockError => new MockError({ kind: 'forbidden', status: 403 }),
  /**
   * Anything that is not a LightdashError (a unique violation, a foreign key, a dereferenced undefined)
   * becomes 500 UnexpectedServerError upstream; `cause` says why, for logs only.
   */
  unexpected: (cause: string): MockError => new MockError({ kind: 'internal', status: 500, message: cause }),
  /** TSOA's ValidateError with its field map. */
  validate: (fields: FieldErrors): MockError => new MockError({ kind: 'validation', status: 422, data: { name: 'ValidateError', fields } }),
  /** NotFoundError (404), e.g. GroupsModel.getGroup's 'No group found'. */
  notFound: (message: string): MockError => new MockError({ kind: 'not_found', status: 404, message, data: { name: 'NotFoundError' } }),
  /** AlreadyExistsError (409): the model turned a unique violation into it. */
  alreadyExists: (message: string): MockError => new MockError({ kind: 'conflict', status: 409, message, data: { name: 'AlreadyExistsError' } }),
  /** ParameterError (400). */
  parameter: (message: string): MockError => new MockError({ kind: 'validation', status: 400, message, data: { name: 'ParameterError' } }),
  /** KnexPaginate's PaginationError. */
  pagination: (message: string): MockError => new MockError({ kind: 'validation', status: 422, message, data: { name: 'PaginationError' } }),
};
