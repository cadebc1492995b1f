import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isMockError } from '../../engine/errors.js';
import type { Operation } from '../../engine/types.js';
import type { QaControl } from '../qa-control.js';
import { readScenario } from '../scenarios.js';

/** One operation as the dashboard lists it, with the error statuses a QA engineer can force. */
export interface OperationView {
  operationId: string;
  method: string;
  /** As a client sends it, mount included: `/snag/api/...`. */
  path: string;
  summary?: string;
  /** Every documented response: its key (`200`, `429`, `default`) and description. */
  responses: Array<{ status: string; description: string }>;
  /** The documented error statuses (400 and up), one force control each. */
  errorStatuses: number[];
  /** True when a `default`, `4XX` or `5XX` response documents statuses the spec does not list one by one. */
  openErrorRange: boolean;
}

/** The read-only lookups the dashboard needs beyond the admin API: what the mock serves and its scenarios. */
export class DashboardApi {
  constructor(private readonly control: QaControl, private readonly scenariosDir: string) {}

  operations(): { vendors: Array<{ name: string; operations: OperationView[] }> } {
    const engine = this.control.engine;
    return { vendors: engine.vendorNames.map((name) => ({ name, operations: engine.operations(name).map(describe) })) };
  }

  async scenarios(): Promise<{ scenarios: Array<{ name: string; description?: string; error?: string }> }> {
    let files: string[];
    try {
      files = await readdir(this.scenariosDir);
    } catch {
      return { scenarios: [] };
    }
    const names = [...new Set(files.filter((f) => /\.(ya?ml|json)$/i.test(f)).map((f) => path.parse(f).name))].sort();
    const scenarios = await Promise.all(names.map(async (name) => {
      try {
        return { name, description: (await readScenario(this.scenariosDir, name)).description };
      } catch (error) {
        // Listed anyway: loading it shows the same error, where the engineer can act on it.
        if (isMockError(error)) return { name, error: error.detail.message };
        throw error;
      }
    }));
    return { scenarios };
  }
}

function describe(op: Operation): OperationView {
  const errorStatuses = op.responses.map((r) => Number(r.key)).filter((status) => Number.isInteger(status) && status >= 400);
  return {
    operationId: op.operationId,
    method: op.method,
    path: `/${op.vendor}${op.pathTemplate}`,
    summary: op.summary,
    responses: op.responses.map((r) => ({ status: r.key, description: r.description })),
    errorStatuses,
    openErrorRange: op.responses.some((r) => /^(default|4XX|5XX)$/i.test(r.key)),
  };
}
