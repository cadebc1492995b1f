import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { SuiteResult } from '../contract/types.js';

interface ContractFlags {
  target?: string;
  vendor: string[];
  suite: string[];
  reporter: 'pretty' | 'json' | 'junit';
  out?: string;
  readOnly: boolean;
  specs?: string;
}

/** The runner and reporters load only when `contract` runs, so `attrmock mock` starts without them. */
async function loadRunner() {
  const [{ jsonReport }, { junitReport }, { prettyReport, prettyScenarioLine }, { runContracts }, { summarize }] = await Promise.all([
    import('../contract/reporters/json-reporter.js'),
    import('../contract/reporters/junit-reporter.js'),
    import('../contract/reporters/pretty-reporter.js'),
    import('../contract/run-contracts.js'),
    import('../contract/summarize.js'),
  ]);
  return { reporters: { pretty: prettyReport, json: jsonReport, junit: junitReport }, prettyReport, prettyScenarioLine, runContracts, summarize };
}

/** `attrmock contract`: runs the contract suites and exits 0 only when every step passed. */
export function contractCommand(): Command {
  return new Command('contract')
    .description('run the contract suites (contracts/*.yaml) against the mock, Prism or the real vendors')
    .option('--target <target>', 'URL ({vendor} is replaced), "prism", or "vendor" (real vendors, from the environment); default: the mock, in-process')
    .option('--vendor <name>', 'only this vendor\'s suites (repeatable)', collect, [])
    .option('--suite <file>', 'only this suite file (repeatable)', collect, [])
    .addOption(new Option('--reporter <name>', 'report format').choices(['pretty', 'json', 'junit']).default('pretty'))
    .option('--out <file>', 'write the report to a file (progress lines still go to the terminal)')
    .option('--read-only', 'skip every mutating step (safe on a production tenant)', false)
    .option('--specs <dir>', 'folder of OpenAPI documents to validate responses against (default: the bundled specs/)')
    .action(async (flags: ContractFlags) => {
      const progress = flags.reporter === 'pretty' || flags.out ? process.stdout : process.stderr;
      const live = flags.reporter === 'pretty' || flags.out !== undefined || process.stderr.isTTY;
      const { reporters, prettyReport, prettyScenarioLine, runContracts, summarize } = await loadRunner();
      const stop = stopOnInterrupt();
      const results: SuiteResult[] = await runContracts({
        target: flags.target,
        vendors: flags.vendor,
        suiteFiles: flags.suite,
        readOnly: flags.readOnly,
        specsDir: flags.specs,
        signal: stop.signal,
        onScenario: live ? (suite, scenario) => progress.write(`${prettyScenarioLine(suite, scenario)}\n`) : undefined,
      });
      const end = { interrupted: stop.signal.aborted };
      const report = reporters[flags.reporter](results, end);
      if (flags.out) await writeFile(flags.out, report);
      else process.stdout.write(report);
      if (flags.out && flags.reporter !== 'pretty') process.stdout.write(prettyReport(results, end));
      process.exitCode = end.interrupted ? 130 : summarize(results).ok ? 0 : 1;
    });
}

/**
 * The first Ctrl-C stops after the current step and still deletes what the suite created (it may be a real
 * tenant); a second one exits at once.
 */
function stopOnInterrupt(): AbortController {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('attrmock contract: interrupted; cleaning up what the suites created (Ctrl-C again to quit now)\n');
    controller.abort();
    process.exitCode = 130;
  });
  return controller;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
