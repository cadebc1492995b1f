export { lightdashVendor } from './lightdash-vendor.js';
export { LightdashState } from './lightdash-state.js';
export type { LightdashPrincipal } from './model.js';
