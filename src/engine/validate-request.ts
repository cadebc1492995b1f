import type { CompiledOperation } from './compile-operations.js';
import { toDiagnostics } from './diagnostics.js';
import type { ParameterValues } from './parse-parameters.js';
import type { Diagnostic } from './types.js';

/** Checks parameters (coercing them in place to their schema types) and the body; returns every failure. */
export function validateRequest(entry: CompiledOperation, values: ParameterValues, body: unknown): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const location of ['path', 'query', 'header'] as const) {
    const validate = entry.paramValidators[location];
    if (validate && !validate(values[location])) diagnostics.push(...toDiagnostics(validate.errors, location));
  }
  const spec = entry.op.requestBody;
  if (body === undefined) {
    if (spec?.required) diagnostics.push({ location: 'body', pointer: '', keyword: 'required', message: 'request body is required', params: {} });
  } else if (entry.bodyValidator && !entry.bodyValidator(body)) {
    diagnostics.push(...toDiagnostics(entry.bodyValidator.errors, 'body'));
  }
  return diagnostics;
}
