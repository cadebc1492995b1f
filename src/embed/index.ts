export { attrmockMiddleware, type AttrmockMiddleware, type MiddlewareOptions } from './attrmock-middleware.js';
export * from '../verify/index.js';
