import type { LevelWithSilent } from 'pino';
import { startMock } from '../src/start-mock.js';
import { snagVendor } from '../src/vendors/snag/snag-vendor.js';
import { entryArgs } from './entry-args.js';

/**
 * Bench-only entry: Snag seeded from a generated JSON fixture (`--fixtures DIR` holding snag.json), since a
 * million values are too many for a YAML parser to be the thing measured.
 */
const args = entryArgs(process.argv);
const mock = await startMock({
  port: Number(args.port ?? 0),
  fixturesDir: args.fixtures,
  vendors: [{ ...snagVendor, fixtureFile: 'snag.json' }],
  logLevel: (args['log-level'] ?? 'warn') as LevelWithSilent,
});
process.stdout.write(`listening on ${mock.url}\n`);
process.once('SIGTERM', () => void mock.close().then(() => process.exit(0)));
