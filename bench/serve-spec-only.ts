import path from 'node:path';
import type { LevelWithSilent } from 'pino';
import { startMock } from '../src/start-mock.js';
import { entryArgs } from './entry-args.js';
import { specOnlyVendor } from '../src/vendors/spec-only-vendor.js';

/** Bench-only entry: `node serve-spec-only.js --port P --spec FILE --name looker-full` serves one spec-only vendor. */
const args = entryArgs(process.argv);
const spec = path.resolve(args.spec ?? '');
const mock = await startMock({
  port: Number(args.port ?? 0),
  specsDir: path.dirname(spec),
  fixturesDir: path.dirname(spec),
  vendors: [specOnlyVendor(args.name ?? 'spec', path.basename(spec))],
  logLevel: (args['log-level'] ?? 'warn') as LevelWithSilent,
});
process.stdout.write(`listening on ${mock.url}\n`);
process.once('SIGTERM', () => void mock.close().then(() => process.exit(0)));
