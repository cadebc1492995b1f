import type { CompiledSpec } from './compile-operations.js';

const WARM_UP_DELAY_MS = 250;

/**
 * Compiles every operation's validators after start-up, one operation per turn of the event loop, so the
 * server answers at once and, a moment later, no request compiles anything. An operation asked for before
 * its turn compiles on that request. Never keeps the process alive; a schema Ajv refuses is reported.
 */
export function warmValidators(specs: CompiledSpec[], onError: (vendor: string, operationId: string, error: unknown) => void): void {
  const queue = specs.flatMap((spec) => spec.operations.map((entry) => ({ vendor: spec.vendor, entry })));
  const next = (): void => {
    const item = queue.shift();
    if (!item) return;
    try {
      void item.entry.paramValidators;
    } catch (error) {
      onError(item.vendor, item.entry.op.operationId, error);
    }
    setImmediate(next).unref();
  };
  // Begins once start-up has had the CPU: compiling while the server is still loading only delays its first answer.
  setTimeout(next, WARM_UP_DELAY_MS).unref();
}
