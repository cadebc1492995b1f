export { startMock, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SEED, type MockOptions, type RunningMock } from './start-mock.js';
export { createEngine, type Engine, type EngineOptions } from './engine/create-engine.js';
export { MockError, type ErrorDetail, type ErrorKind } from './engine/errors.js';
export type { VendorModule, Handler, HandlerContext } from './engine/vendor.js';
export type { MockRequest, MockResponse, Diagnostic, Operation } from './engine/types.js';
export { vendorRegistry } from './vendors/registry.js';
export { runContracts, type ContractOptions } from './contract/index.js';
export type { MockSetupOptions } from './assemble-mock.js';
export * from './verify/index.js';
