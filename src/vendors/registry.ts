import type { AnyVendorModule } from '../engine/vendor.js';
import { lookerVendor } from './looker/index.js';
import { lightdashVendor } from './lightdash/lightdash-vendor.js';
import { snagVendor } from './snag/snag-vendor.js';

/** Every vendor attrmock serves. The engine learns vendors only from this list. */
export const vendorRegistry: AnyVendorModule[] = [snagVendor, lookerVendor, lightdashVendor];
