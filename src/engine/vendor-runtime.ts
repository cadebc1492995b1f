import type { CompiledSpec } from './compile-operations.js';
import type { RouteTable } from './match-route.js';
import type { AnyVendorModule } from './vendor.js';

/** A vendor as the pipeline holds it: its module, its compiled spec and its routes. */
export interface VendorRuntime {
  module: AnyVendorModule;
  spec: CompiledSpec;
  routes: RouteTable;
}
