import { Command, Option } from 'commander';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SEED, startMock } from '../start-mock.js';
import { createLogger } from '../logger.js';
import { integerOption } from './parse-number-option.js';

interface MockFlags {
  port: number;
  host: string;
  seed: number;
  specs?: string;
  fixtures?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  responseValidation: 'fail' | 'log';
}

/** `attrmock mock`: serves all vendors until SIGINT/SIGTERM. */
export function mockCommand(): Command {
  return new Command('mock')
    .description('start the mock server')
    .addOption(new Option('--port <port>', 'port (0 picks a free one)').argParser(integerOption(0, 65535)).default(Number(process.env.PORT ?? DEFAULT_PORT)))
    .option('--host <host>', 'interface to bind', DEFAULT_HOST)
    .addOption(new Option('--seed <seed>', 'seed for generated data').argParser(integerOption(0, 2 ** 31 - 1)).default(DEFAULT_SEED))
    .option('--specs <dir>', 'folder of OpenAPI documents (default: the bundled specs/)')
    .option('--fixtures <dir>', 'folder of fixtures (default: the bundled fixtures/)')
    .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'))
    .addOption(new Option('--response-validation <mode>', 'what a response outside the spec does').choices(['fail', 'log']).default('log'))
    .action(async (flags: MockFlags) => {
      const logger = createLogger(flags.logLevel);
      const mock = await startMock({
        port: flags.port,
        host: flags.host,
        seed: flags.seed,
        specsDir: flags.specs,
        fixturesDir: flags.fixtures,
        logger,
        responseValidation: flags.responseValidation,
      });
      process.stdout.write(`attrmock listening on ${mock.url} (vendors: ${mock.engine.vendorNames.map((v) => `/${v}`).join(' ')})\n`);
      const stop = (signal: string): void => {
        logger.info({ signal }, 'stopping');
        void mock.close().then(() => {
          logger.flush();
          process.exit(0);
        });
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
