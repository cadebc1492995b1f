import type { QaControl } from '../admin/qa-control.js';
import type { Engine } from '../engine/create-engine.js';
import type { Logger } from '../logger.js';
import { upstreamBase } from './parse-proxy-targets.js';
import { proxyVendor, type ProxyHandler } from './proxy-vendor.js';
import { Recording } from './recording.js';

export interface Proxies {
  handlers?: ReadonlyMap<string, ProxyHandler>;
  recording?: Recording;
}

/** The proxy handler of each vendor `proxy` names, and the recording they share; nothing at all without `proxy`. */
export function startProxies(engine: Engine, control: QaControl, logger: Logger, options: { proxy?: Record<string, string>; record?: string }): Proxies {
  const targets = Object.entries(options.proxy ?? {});
  if (targets.length === 0) {
    if (options.record) throw new Error('--record records proxied traffic: give --proxy VENDOR=URL too');
    return {};
  }
  const recording = options.record ? new Recording(options.record, (error) => logger.error({ file: options.record, err: error }, 'recording failed')) : undefined;
  const handlers = new Map<string, ProxyHandler>();
  for (const [vendor, url] of targets) {
    if (!engine.vendorNames.includes(vendor)) throw new Error(`proxy: unknown vendor "${vendor}" (known: ${engine.vendorNames.join(', ')})`);
    handlers.set(vendor, proxyVendor(vendor, upstreamBase(url), { engine, control, logger, recording }));
    logger.info({ vendor, upstream: url }, 'proxying to the real vendor');
  }
  return { handlers, recording };
}
