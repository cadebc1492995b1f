import type { CompiledOperation } from './compile-operations.js';
import type { Diagnostic, MockRequest, ParameterLocation, ParameterSpec } from './types.js';

export type ParameterValues = Record<ParameterLocation, Record<string, unknown>>;

/**
 * Lifts raw strings into the shapes their schemas describe before validation: array parameters become
 * arrays (repeated keys for `explode: true`, comma lists otherwise); scalars stay strings for Ajv to coerce.
 * Unknown query parameters are passed over, as the vendors do.
 */
export function parseParameters(
  entry: CompiledOperation,
  req: MockRequest,
  rawPath: Record<string, string>,
): { values: ParameterValues; diagnostics: Diagnostic[] } {
  const values: ParameterValues = { path: {}, query: {}, header: {} };
  const diagnostics: Diagnostic[] = [];
  for (const param of entry.op.parameters) {
    const raw = rawValue(param, req, rawPath, diagnostics);
    if (raw === undefined) continue;
    values[param.in][param.name] = entry.arrayParams.has(param.name) ? toArray(param, raw) : toScalar(raw);
  }
  return { values, diagnostics };
}

function rawValue(
  param: ParameterSpec,
  req: MockRequest,
  rawPath: Record<string, string>,
  diagnostics: Diagnostic[],
): string | string[] | undefined {
  if (param.in === 'header') return req.headers[param.name];
  if (param.in === 'query') return req.query[param.name];
  const encoded = rawPath[param.name];
  if (encoded === undefined) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    diagnostics.push({ location: 'path', pointer: `/${param.name}`, keyword: 'encoding', message: 'is not valid percent-encoding', params: {} });
    return undefined;
  }
}

function toArray(param: ParameterSpec, raw: string | string[]): string[] {
  const explode = param.explode ?? (param.in === 'query' && (param.style ?? 'form') === 'form');
  const items = Array.isArray(raw) ? raw : [raw];
  return explode ? items : items.flatMap((item) => (item === '' ? [] : item.split(',')));
}

/** A scalar parameter sent twice keeps its last value, as Express and most vendor frameworks do. */
function toScalar(raw: string | string[]): string {
  return Array.isArray(raw) ? raw[raw.length - 1] ?? '' : raw;
}
