import type { CompiledSpec } from './compile-operations.js';

const WARM_UP_DELAY_MS = 250;

/**
 * Compiles every operation's validators after start-up, one operation per turn of the event loop, so the
 * server answers at once and, a moment later, no request compiles anything. An operation asked for before
 * its turn compiles on that request. Then checks each spec's schemas against the meta-schema. Never keeps
 * the process alive; a schema Ajv refuses or the meta-schema rejects is reported as `<where>: <what>`.
 */
export function warmValidators(specs: CompiledSpec[], onProblem: (vendor: string, problem: string) => void): void {
  const queue: Array<() => void> = specs.flatMap((spec) => [
    ...spec.operations.map((entry) => () => {
      try {
        void entry.paramValidators;
      } catch (error) {
        onProblem(spec.vendor, `${entry.op.operationId}: validators do not compile: ${(error as Error).message}`);
      }
    }),
    () => {
      for (const problem of spec.compiler.checkSchemas()) onProblem(spec.vendor, `${problem} (not a valid JSON Schema)`);
    },
  ]);
  const next = (): void => {
    const step = queue.shift();
    if (!step) return;
    step();
    setImmediate(next).unref();
  };
  // Begins once start-up has had the CPU: compiling while the server is still loading only delays its first answer.
  setTimeout(next, WARM_UP_DELAY_MS).unref();
}
