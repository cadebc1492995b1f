import { expect } from 'vitest';
import { attrmockMatchers, type AttrmockMatchers } from './matchers.js';

export { attrmockMatchers, type AttrmockMatchers, type ReceivedOptions } from './matchers.js';

expect.extend(attrmockMatchers);

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends AttrmockMatchers<T> {}
}
