import { Command, InvalidArgumentError, Option } from 'commander';
import { parseLatency } from '../admin/latency.js';
import { parseRateLimits } from '../admin/rate-limits.js';
import { vendorRegistry } from '../vendors/registry.js';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SEED, startMock } from '../start-mock.js';
import { createLogger, type LogFormat } from '../logger.js';
import { integerOption } from './parse-number-option.js';
import { parseProxyTargets } from '../proxy/parse-proxy-targets.js';

interface MockFlags {
  port: number;
  host: string;
  seed: number;
  specs?: string;
  fixtures?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logFormat: LogFormat;
  responseValidation: 'fail' | 'log';
  latency?: { min: number; max: number };
  rateLimit?: string | true;
  stateFile?: string;
  store?: string;
  adminToken?: string;
  journalSize: number;
  scenarios?: string;
  cors: boolean;
  proxy: string[];
  record?: string;
  adminCors: string[];
  allowedHosts: string[];
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
    .addOption(new Option('--log-format <format>', 'one JSON line per request, or one readable line (default: pretty on a terminal, json otherwise)').choices(['json', 'pretty']).default(process.stdout.isTTY ? 'pretty' : 'json'))
    .addOption(new Option('--response-validation <mode>', 'what a response outside the spec does').choices(['fail', 'log']).default('log'))
    .addOption(new Option('--latency <min-max>', 'milliseconds added to every response, e.g. 50-200').argParser(latencyOption))
    .option('--rate-limit [limits]', 'answer 429 past the vendors\' limits: bare for the documented ones (snag=250), or e.g. snag=250,looker=5')
    .option('--state-file <path>', 'load the state from this file and its write log at start; every 2xx write is on disk before its answer')
    .option('--store <url>', 'share the worlds with other attrmock processes through Redis: redis://HOST:PORT[/DB]')
    .addOption(new Option('--admin-token <token>', 'require the token on /__admin (but GET /__admin/health), sent as Authorization: Bearer <token> or x-attrmock-admin-token: <token>').env('ATTRMOCK_ADMIN_TOKEN'))
    .addOption(new Option('--journal-size <n>', 'requests the journal keeps').argParser(integerOption(1, 1_000_000)).default(1000))
    .option('--scenarios <dir>', 'folder of named scenarios (default: <fixtures>/scenarios)')
    .option('--no-cors', 'send no CORS headers on the vendor mounts and leave preflights to the vendors (by default browsers on any origin may call them, as with Prism)')
    .option('--admin-cors <origin>', 'let a web page on this origin call /__admin, changes included (repeatable; by default no other origin may)', collect, [])
    .option('--allowed-hosts <name>', 'serve this Host name beside IP addresses and localhost (repeatable; .example.com adds subdomains; all turns the check off)', collect, [])
    .option('--proxy <vendor=url>', 'pass that vendor\'s requests to its real server (repeatable); faults and Prefer still answer first, answers are checked against the spec', collect, [])
    .option('--record <file>', 'append every proxied exchange to this JSON Lines file, credentials redacted (for attrmock drift)')
    .action(async function (this: Command, flags: MockFlags) {
      const logger = createLogger(flags.logLevel, flags.logFormat);
      // Every user on the machine can read a process's arguments (ps); the environment is private to it.
      if (this.getOptionValueSource('adminToken') === 'cli') logger.warn('--admin-token on the command line shows in ps to every user of this machine; set ATTRMOCK_ADMIN_TOKEN instead');
      const limits = flags.rateLimit === undefined ? {} : parseRateLimits(flags.rateLimit, vendorRegistry);
      const mock = await startMock({
        port: flags.port,
        host: flags.host,
        seed: flags.seed,
        specsDir: flags.specs,
        fixturesDir: flags.fixtures,
        logger,
        responseValidation: flags.responseValidation,
        latency: flags.latency,
        rateLimits: limits,
        stateFile: flags.stateFile,
        store: flags.store,
        adminToken: flags.adminToken,
        journalSize: flags.journalSize,
        scenariosDir: flags.scenarios,
        cors: flags.cors,
        adminCors: flags.adminCors,
        allowedHosts: flags.allowedHosts.includes('all') ? 'all' : flags.allowedHosts,
        proxy: parseProxyTargets(flags.proxy, vendorRegistry.map((v) => v.name)),
        record: flags.record,
      });
      // The URL comes first either way, so scripts that wait for "listening on http://..." keep working.
      const where = mock.allInterfaces ? `${mock.url} and every other interface (bound to ${mock.address})` : mock.url;
      process.stdout.write(`attrmock listening on ${where} (vendors: ${mock.engine.vendorNames.map((v) => `/${v}`).join(' ')})\n`);
      // close() waits for the state file's last save, so a stop loses no change.
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

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function latencyOption(value: string): { min: number; max: number } {
  const parsed = parseLatency(value);
  if (typeof parsed === 'string') throw new InvalidArgumentError(parsed);
  return parsed;
}
