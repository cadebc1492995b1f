import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MockError } from '../engine/errors.js';

/** A named QA setup in fixtures/scenarios/: a state to load (vendors it names) and fault rules to add. */
export interface Scenario {
  name: string;
  description?: string;
  state?: unknown;
  faults?: unknown[];
}

const NAME = /^[a-z0-9][a-z0-9_-]*$/i;
const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Reads `<dir>/<name>.yaml|.yml|.json`; throws MockError not_found or validation. */
export async function readScenario(dir: string, name: string): Promise<Scenario> {
  if (!NAME.test(name)) throw new MockError({ kind: 'validation', message: `scenario name ${name} may use letters, digits, - and _ only` });
  for (const extension of EXTENSIONS) {
    const file = path.join(dir, `${name}${extension}`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    // Loaded when a scenario is, not with the server: the YAML parser is ~15 ms of start-up.
    return checkScenario(name, extension === '.json' ? JSON.parse(text) : (await import('yaml')).parse(text));
  }
  // The folder's absolute path is the server's business, not an API client's: name the flag that sets it.
  throw new MockError({ kind: 'not_found', message: `no scenario ${name} in the scenarios folder (--scenarios; looked for ${EXTENSIONS.map((e) => name + e).join(', ')})` });
}

function checkScenario(name: string, content: unknown): Scenario {
  const c = (content ?? {}) as Record<string, unknown>;
  if (typeof c !== 'object' || Array.isArray(c)) throw new MockError({ kind: 'validation', message: `scenario ${name} must be a mapping` });
  if (c.faults !== undefined && !Array.isArray(c.faults)) throw new MockError({ kind: 'validation', message: `scenario ${name}: faults must be a list` });
  return { name, description: typeof c.description === 'string' ? c.description : undefined, state: c.state, faults: c.faults as unknown[] | undefined };
}
