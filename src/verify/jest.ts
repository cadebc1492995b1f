import { attrmockMatchers, type AttrmockMatchers } from './matchers.js';

export { attrmockMatchers, type AttrmockMatchers, type ReceivedOptions } from './matchers.js';

const jestExpect = (globalThis as { expect?: { extend?(matchers: object): void } }).expect;
if (typeof jestExpect?.extend !== 'function') {
  throw new Error('attrmock/jest registers on the global expect: import it from a test file or a setupFilesAfterEnv module');
}
jestExpect.extend(attrmockMatchers);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> extends AttrmockMatchers<R> {}
  }
}
