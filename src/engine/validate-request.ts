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
    diagnostics.push(...nonFinite(values[location], location));
  }
  const spec = entry.op.requestBody;
  if (body === undefined) {
    if (spec?.required) diagnostics.push({ location: 'body', pointer: '', keyword: 'required', message: 'request body is required', params: {} });
  } else if (entry.bodyValidator && !entry.bodyValidator(body)) {
    diagnostics.push(...toDiagnostics(entry.bodyValidator.errors, 'body'));
  }
  return diagnostics;
}

/**
 * Ajv coerces `Infinity`, `-Infinity` and `1e400` to non-finite numbers that pass `type: number` (and, with
 * `strictNumbers`, skip every later keyword); JSON cannot carry them back, so they are refused here.
 */
function nonFinite(values: Record<string, unknown>, location: Diagnostic['location']): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, value] of Object.entries(values)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.some((item) => typeof item === 'number' && !Number.isFinite(item))) {
      out.push({ location, pointer: `/${name}`, keyword: 'type', message: 'must be a finite number', params: { type: 'number' } });
    }
  }
  return out;
}
