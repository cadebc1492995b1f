import { expect } from 'vitest';
import { attrmockMatchers, type AttrmockMatchers } from './matchers.js';

export { attrmockMatchers, type AttrmockMatchers, type ReceivedOptions } from './matchers.js';

expect.extend(attrmockMatchers);

// vitest 3.2 made Matchers the interface to augment (Assertion is a re-export, which does not merge).
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends AttrmockMatchers<T> {}
}
