import type { OpenApiDocument } from './load-spec.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Where a vendor's wider spec lies, and what its operations need to sit beside the vendor's own. */
export interface UnmodelledSpec {
  /** File name inside the specs folder (`.json`, `.yaml`, or either gzipped). */
  file: string;
  /** Put before each of its paths (`/api/4.0`), as the vendor's own spec writes them. */
  pathPrefix?: string;
  /** Responses every operation gets where it documents none for the key (a 401 the vendor sends but never wrote down). */
  addResponses?: Record<string, unknown>;
}

/**
 * The part of a wider spec the vendor's own spec lacks (by operationId, and by path and method), as a document of
 * its own: its operations are routed beside the vendor's, authenticated as the vendor's own spec says (its
 * top-level security), validated, and answered from this document alone, as Prism would. Its schemas compile
 * apart, on first use, so its size costs start-up only the parse.
 */
export function unmodelledDocument(own: OpenApiDocument, wider: OpenApiDocument, config: UnmodelledSpec): OpenApiDocument {
  const prefix = config.pathPrefix ?? '';
  const known = new Set<string>();
  for (const [pathTemplate, item] of Object.entries(own.paths)) {
    for (const method of METHODS) {
      const op = item[method] as { operationId?: string } | undefined;
      if (op) known.add(op.operationId ?? '').add(`${method} ${pathTemplate}`);
    }
  }
  const paths: OpenApiDocument['paths'] = {};
  for (const [pathTemplate, item] of Object.entries(wider.paths)) {
    const target = `${prefix}${pathTemplate}`;
    for (const method of METHODS) {
      const op = item[method] as { operationId?: string; responses?: Record<string, unknown> } | undefined;
      if (!op || known.has(op.operationId ?? '') || known.has(`${method} ${target}`)) continue;
      (paths[target] ??= { ...(item.parameters ? { parameters: item.parameters } : {}) })[method] = {
        ...op,
        responses: { ...config.addResponses, ...op.responses },
      };
    }
  }
  return { ...wider, paths, security: own.security ?? wider.security };
}
