import { afterEach, describe, expect, it } from 'vitest';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';
import { startCli, type CliServer } from './support/spawn-cli.js';

const running: CliServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop('SIGTERM');
});

/** Starts the CLI, sends one Snag request, and answers what it printed after its "listening" line. */
async function logOf(args: string[]): Promise<string[]> {
  const server = await startCli(['--log-level', 'info', ...args]);
  running.push(server);
  await http(`${server.url}/snag/api/website_user_attributes?limit=5`, { headers: { 'x-api-key': SNAG.key } });
  for (let i = 0; i < 50 && !/website_user_attributes/.test(server.output().split('\n').slice(1).join('\n')); i++) await new Promise((r) => setTimeout(r, 100));
  return server.output().split('\n').slice(1).filter(Boolean);
}

describe('--log-format', () => {
  it('pretty prints one readable line per request', async () => {
    const lines = await logOf(['--log-format', 'pretty']);
    const line = lines.find((l) => l.includes('website_user_attributes'));
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}GET \/snag\/api\/website_user_attributes\?limit=5 200 [\d.]+ ms listWebsiteUserAttributes$/);
  });

  it('stays JSON by default when stdout is not a terminal', async () => {
    const lines = await logOf([]);
    const line = lines.find((l) => l.includes('website_user_attributes'));
    expect(JSON.parse(line!)).toMatchObject({ msg: 'request', vendor: 'snag', method: 'GET', status: 200, operationId: 'listWebsiteUserAttributes' });
  });
});
