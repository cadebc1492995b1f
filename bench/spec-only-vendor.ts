import type { ErrorDetail } from '../src/engine/errors.js';
import type { VendorModule } from '../src/engine/vendor.js';

/**
 * A vendor served from its spec alone: no fixture, no handlers, no credentials checked. Every operation
 * answers the spec's example or a generated body, as Prism's static mock does, after full validation.
 */
export function specOnlyVendor(name: string, specFile: string): VendorModule<Record<string, never>, null> {
  return {
    name,
    specFile,
    fixtureFile: '',
    createState: () => ({}),
    exportState: () => ({}),
    importState: () => ({}),
    authenticate: () => null,
    handlers: {},
    formatError: (error: ErrorDetail) => ({ status: error.status ?? statusOf(error.kind), body: { message: error.message ?? error.kind } }),
  };
}

function statusOf(kind: ErrorDetail['kind']): number {
  if (kind === 'route_not_found' || kind === 'not_found') return 404;
  if (kind === 'method_not_allowed') return 405;
  if (kind === 'internal' || kind === 'response_invalid') return 500;
  return 400;
}
