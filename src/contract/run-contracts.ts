import path from 'node:path';
import { packageRoot } from '../package-root.js';
import { startMock, type MockOptions, type RunningMock } from '../start-mock.js';
import { checkResponseSchema, type ResponseSchemaCheck } from './check-response-schema.js';
import { loadSuite, loadSuites } from './load-suite.js';
import { notRun, runSuite, type SuiteTarget } from './run-suite.js';
import { startPrism, type RunningPrism } from './start-prism.js';
import type { ScenarioResult, Suite, SuiteResult } from './types.js';
import { vendorTarget, vendorTargetNames } from './vendor-targets.js';

export interface ContractOptions {
  /**
   * Where to run: undefined (the mock, started in-process on a free port), `prism` (Prism mocking each spec),
   * `vendor` (the real vendors, URLs and credentials from the environment) or a URL (`{vendor}` is replaced,
   * e.g. `http://127.0.0.1:4010/{vendor}` for a running attrmock; credentials from the environment if set).
   */
  target?: string;
  vendors?: string[];
  /** Suite files; default every suite in contractsDir. */
  suiteFiles?: string[];
  contractsDir?: string;
  specsDir?: string;
  readOnly?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Stops the run between steps; what was created is still deleted. */
  signal?: AbortSignal;
  /** For the in-process mock (tests swap in a broken vendor this way). */
  mockOptions?: MockOptions;
  onScenario?(suite: Suite, result: ScenarioResult): void;
}

/** Runs the chosen suites against the chosen target and answers their results (see summarize for the verdict). */
export async function runContracts(options: ContractOptions = {}): Promise<SuiteResult[]> {
  refuseUserinfo(options.target);
  const root = packageRoot();
  const specsDir = options.specsDir ?? path.join(root, 'specs');
  const suites = await selectSuites(options, root);
  const targets = new Targets(options, specsDir, root);
  const checks = new Map<string, Promise<ResponseSchemaCheck>>();
  const results: SuiteResult[] = [];
  try {
    for (const suite of suites) {
      if (options.signal?.aborted) break;
      if (!checks.has(suite.vendor)) checks.set(suite.vendor, checkResponseSchema(specsDir, suite.vendor));
      const checkSchema = await checks.get(suite.vendor)!;
      let target: SuiteTarget;
      try {
        target = await targets.forVendor(suite.vendor);
      } catch (error) {
        const scenarios = suite.scenarios.map((scenario) => notRun(scenario, 'the suite could not run'));
        results.push({ name: suite.name, vendor: suite.vendor, file: suite.file, target: { kind: targets.kind, baseUrl: '' }, scenarios, durationMs: 0, error: (error as Error).message });
        continue;
      }
      results.push(await runSuite(suite, { target, checkSchema, readOnly: options.readOnly, env: options.env, signal: options.signal, onScenario: options.onScenario }));
      await targets.afterSuite();
    }
  } finally {
    await targets.close();
  }
  return results;
}

/**
 * `http://user:secret@host/{vendor}` would put the secret in every step's URL, and so in every report (the JUnit
 * file keeps them): credentials come from the environment only. The message leaves the secret out.
 */
function refuseUserinfo(target: string | undefined): void {
  if (target === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return;
  let url: URL;
  try {
    url = new URL(target.replaceAll('{vendor}', 'vendor'));
  } catch {
    throw new Error('--target is not a valid URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error(`--target must not carry credentials (user:password@${url.host}); set them in the environment (${vendorTargetNames.flatMap((v) => vendorTarget(v).env.filter((name) => /KEY|TOKEN|SECRET/.test(name))).join(', ')})`);
  }
}

async function selectSuites(options: ContractOptions, root: string): Promise<Suite[]> {
  const all = options.suiteFiles?.length
    ? await Promise.all(options.suiteFiles.map((file) => loadSuite(path.resolve(file))))
    : await loadSuites(options.contractsDir ?? path.join(root, 'contracts'));
  const chosen = options.vendors?.length ? all.filter((suite) => options.vendors!.includes(suite.vendor)) : all;
  if (chosen.length === 0) throw new Error(`no contract suite for vendor ${options.vendors?.join(', ')}`);
  for (const suite of chosen) vendorTarget(suite.vendor);
  return chosen;
}

/** Starts what a run needs once (the mock, one Prism per spec) and always stops it. */
class Targets {
  readonly kind: SuiteTarget['kind'];
  private mock?: Promise<RunningMock>;
  private readonly prisms = new Map<string, Promise<RunningPrism>>();

  constructor(
    private readonly options: ContractOptions,
    private readonly specsDir: string,
    private readonly root: string,
  ) {
    const target = options.target;
    this.kind = target === undefined || target === 'mock' ? 'mock' : target === 'prism' ? 'prism' : target === 'vendor' ? 'vendor' : 'url';
  }

  async forVendor(vendor: string): Promise<SuiteTarget> {
    const target = this.options.target;
    if (this.kind === 'mock') {
      this.mock ??= startMock({ port: 0, responseValidation: 'log', logLevel: 'silent', ...this.options.mockOptions });
      return { kind: 'mock', baseUrl: `${(await this.mock).url}/${vendor}`, credentials: 'mock' };
    }
    if (this.kind === 'prism') {
      if (!this.prisms.has(vendor)) this.prisms.set(vendor, startPrism(path.join(this.specsDir, `${vendor}.oas.yaml`), this.root));
      return { kind: 'prism', baseUrl: (await this.prisms.get(vendor)!).url, credentials: 'mock' };
    }
    if (this.kind === 'vendor') {
      const info = vendorTarget(vendor);
      const baseUrl = info.realBaseUrl(this.options.env ?? process.env);
      if (!baseUrl) throw new Error(`set ${info.env.join(', ')} to run the ${vendor} suites against the real vendor`);
      return { kind: 'vendor', baseUrl, credentials: 'env' };
    }
    return { kind: 'url', baseUrl: target!.replace('{vendor}', vendor), credentials: 'env-or-mock' };
  }

  /** Each suite starts from the seeded world on the mock. */
  async afterSuite(): Promise<void> {
    if (this.mock) (await this.mock).reset();
  }

  async close(): Promise<void> {
    const stops = [...this.prisms.values()].map((p) => p.then((prism) => prism.stop(), () => undefined));
    if (this.mock) stops.push(this.mock.then((mock) => mock.close(), () => undefined));
    await Promise.all(stops);
  }
}
