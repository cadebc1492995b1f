import type { ErrorObject } from 'ajv';
import { decodePointerSegment } from './resolve-component-ref.js';
import type { Diagnostic } from './types.js';

/**
 * Turns Ajv's errors into neutral diagnostics at once, so no vendor code ever sees Ajv.
 * A missing property is reported at the property's own pointer, which is what people look for.
 */
export function toDiagnostics(errors: ErrorObject[] | null | undefined, location: Diagnostic['location']): Diagnostic[] {
  if (!errors) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const pointer = pointerFor(error);
    const key = `${pointer}|${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      location,
      pointer,
      keyword: error.keyword,
      message: messageFor(error),
      params: { ...error.params },
    });
  }
  if (out.length === 0 && errors.length > 0) {
    const first = errors[0]!;
    out.push({ location, pointer: first.instancePath, keyword: first.keyword, message: messageFor(first), params: { ...first.params } });
  }
  return out;
}

function pointerFor(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${error.instancePath}/${escape(String(params.missingProperty))}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escape(String(params.additionalProperty))}`;
  return error.instancePath;
}

function messageFor(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not allowed';
  if (error.keyword === 'enum') return `must be one of ${JSON.stringify(params.allowedValues)}`;
  return error.message ?? error.keyword;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `/data/0/userId` → `data[0].userId`, the way API messages name a field. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map(decodePointerSegment)
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}
