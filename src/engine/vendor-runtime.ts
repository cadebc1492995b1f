import type { CompiledSpec } from './compile-operations.js';
import type { RouteTable } from './match-route.js';
import type { AnyVendorModule } from './vendor.js';

/** A vendor as the pipeline holds it: its module, its compiled spec and its routes. */
export interface VendorRuntime {
  module: AnyVendorModule;
  spec: CompiledSpec;
  /** Operations of the vendor's wider spec that its own lacks, answered from that spec alone (see unmodelledSpec). */
  unmodelled?: { spec: CompiledSpec; ids: ReadonlySet<string> };
  /** The vendor's own operations and its unmodelled ones, in one table, so a literal segment wins across both. */
  routes: RouteTable;
}
