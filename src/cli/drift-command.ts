import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';

interface DriftFlags {
  recording: string;
  vendor?: string;
  reporter: 'pretty' | 'json' | 'junit';
  out?: string;
  specs?: string;
  fixtures?: string;
}

/** `attrmock drift`: replays a `--record` file on a fresh mock and exits 1 when any answer differs. */
export function driftCommand(): Command {
  return new Command('drift')
    .description('replay a recording of real vendor traffic (mock --proxy ... --record FILE) on a fresh mock and name every difference')
    .requiredOption('--recording <file>', 'JSON Lines file written by attrmock mock --record')
    .option('--vendor <name>', 'replay only this vendor\'s requests')
    .addOption(new Option('--reporter <name>', 'report format').choices(['pretty', 'json', 'junit']).default('pretty'))
    .option('--out <file>', 'write the report to a file')
    .option('--specs <dir>', 'folder of OpenAPI documents (default: the bundled specs/)')
    .option('--fixtures <dir>', 'folder of fixtures (default: the bundled fixtures/)')
    .action(async (flags: DriftFlags) => {
      const [{ readRecording, replayRecording }, { driftReport }] = await Promise.all([import('../proxy/replay-recording.js'), import('../proxy/drift-report.js')]);
      const entries = (await readRecording(flags.recording)).filter(({ exchange }) => flags.vendor === undefined || exchange.vendor === flags.vendor);
      const results = await replayRecording(entries, { specsDir: flags.specs, fixturesDir: flags.fixtures });
      const report = driftReport(results, flags.reporter);
      if (flags.out) await writeFile(flags.out, report);
      else process.stdout.write(report);
      if (flags.out && flags.reporter !== 'pretty') process.stdout.write(driftReport(results, 'pretty'));
      process.exitCode = results.some((r) => r.differences.length > 0) ? 1 : 0;
    });
}
