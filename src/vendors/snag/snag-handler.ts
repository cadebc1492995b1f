import type { Handler } from '../../engine/vendor.js';
import type { SnagState } from './snag-state.js';
import type { SnagPrincipal } from './snag-types.js';

/** A Snag operation's handler: the world is Snag's state, the caller an API key. */
export type SnagHandler = Handler<SnagState, SnagPrincipal>;
