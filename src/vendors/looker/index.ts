export { lookerVendor } from './looker-vendor.js';
export { LookerState } from './looker-state.js';
export { RATE_LIMIT_ENV } from './seed-world.js';
