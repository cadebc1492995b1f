import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { compileOperations } from './compile-operations.js';
import type { OpenApiDocument } from './load-spec.js';
import { RouteTable } from './match-route.js';
import type { VendorRuntime } from './vendor-runtime.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Where a vendor's wider spec lies, and what its operations need to sit beside the vendor's own. */
export interface UnmodelledSpec {
  /** File name inside the specs folder: JSON, gzipped or not, whose only `$ref`s point into its component schemas. */
  file: string;
  /** Put before each of its paths (`/api/4.0`), as the vendor's own spec writes them. */
  pathPrefix?: string;
  /** Responses every operation gets where it documents none for the key (a 401 the vendor sends but never wrote down). */
  addResponses?: Record<string, unknown>;
}

/**
 * Gives a runtime the operations of the vendor's wider spec that its own lacks, loaded on first use (the first
 * request to the vendor, or the first look at its operations), so a 2 MB spec costs start-up nothing. Until then
 * the runtime routes as before; from then on both sets share one route table, so a literal segment wins across
 * them. Throws at once if the file is missing.
 */
export function withUnmodelled(runtime: VendorRuntime, file: string, config: UnmodelledSpec): VendorRuntime {
  if (!existsSync(file)) throw new Error(`${runtime.spec.vendor}: unmodelledSpec ${path.basename(file)} is not in the specs folder`);
  let loaded: { routes: RouteTable; unmodelled: VendorRuntime['unmodelled'] } | undefined;
  const load = () => {
    if (loaded) return loaded;
    const wider = compileOperations(runtime.spec.vendor, unmodelledDocument(runtime.spec.document, readJsonSpec(file), config));
    const unmodelled = { spec: wider, ids: new Set(wider.operations.map((entry) => entry.op.operationId)) };
    return (loaded = { routes: new RouteTable([...runtime.spec.operations, ...wider.operations]), unmodelled });
  };
  return {
    module: runtime.module,
    spec: runtime.spec,
    get routes() {
      return load().routes;
    },
    get unmodelled() {
      return load().unmodelled;
    },
  };
}

/** A JSON spec read at once; nothing to resolve, as UnmodelledSpec.file requires. */
function readJsonSpec(file: string): OpenApiDocument {
  const raw = readFileSync(file);
  const doc = JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as OpenApiDocument;
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.')) throw new Error(`${file} is not an OpenAPI 3 document`);
  doc.paths ??= {};
  return doc;
}

/**
 * The part of a wider spec the vendor's own spec lacks (by operationId, and by path and method), as a document of
 * its own: its operations are authenticated as the vendor's own spec says (its top-level security), validated,
 * and answered from this document alone, as Prism would. Its schemas compile apart, on first use.
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

