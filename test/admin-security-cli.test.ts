import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startMock } from '../src/index.js';
import { rawRequest } from './support/raw-http.js';
import { CLI, startCli } from './support/spawn-cli.js';

/** Runs `attrmock mock` with its own environment, expecting it to stop at start. */
function failingStart(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLI, 'mock', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function statusWithHost(url: string, host: string, method = 'GET', headers: Record<string, string> = {}): Promise<number> {
  const res = await rawRequest(Number(new URL(url).port), method, method === 'GET' ? '/__admin/health' : '/__admin/reset', { host, ...headers });
  return res.status;
}

describe('an empty admin token (issue 20)', () => {
  it('is refused by startMock, which would otherwise leave /__admin open and say nothing', async () => {
    await expect(startMock({ port: 0, logLevel: 'silent', adminToken: '' })).rejects.toThrow(/admin-token.*empty/);
    await expect(startMock({ port: 0, logLevel: 'silent', adminToken: '  ' })).rejects.toThrow(/empty/);
  });
});

describe.skipIf(!existsSync(CLI))('attrmock mock: security flags (issues 19, 20)', () => {
  it('refuses --admin-token \'\' and ATTRMOCK_ADMIN_TOKEN= at start', async () => {
    for (const [args, env] of [[['--admin-token', ''], {}], [[], { ATTRMOCK_ADMIN_TOKEN: '' }]] as const) {
      const { code, output } = await failingStart([...args], env);
      expect(code, JSON.stringify({ args, env })).toBe(1);
      expect(output).toMatch(/admin-token \(or ATTRMOCK_ADMIN_TOKEN\) is empty/);
    }
  });

  it('warns that --admin-token shows in ps, and says nothing when the token comes from ATTRMOCK_ADMIN_TOKEN', async () => {
    const flagged = await startCli(['--admin-token', 'flag-token']);
    await flagged.stop('SIGTERM');
    expect(flagged.output()).toContain('set ATTRMOCK_ADMIN_TOKEN instead');
    process.env.ATTRMOCK_ADMIN_TOKEN = 'env-token';
    try {
      const fromEnv = await startCli([]);
      try {
        expect((await fetch(`${fromEnv.url}/__admin/faults`)).status).toBe(401);
        expect((await fetch(`${fromEnv.url}/__admin/faults`, { headers: { authorization: 'Bearer env-token' } })).status).toBe(200);
      } finally {
        await fromEnv.stop('SIGTERM');
      }
      expect(fromEnv.output()).not.toContain('shows in ps');
    } finally {
      delete process.env.ATTRMOCK_ADMIN_TOKEN;
    }
  });

  it('--allowed-hosts and --admin-cors are repeatable; --allowed-hosts all warns', async () => {
    const server = await startCli(['--allowed-hosts', 'mock.staging.test', '--allowed-hosts', '.corp.test', '--admin-cors', 'https://dash.test', '--admin-cors', 'https://qa.test']);
    try {
      expect(await statusWithHost(server.url, 'mock.staging.test:4010')).toBe(200);
      expect(await statusWithHost(server.url, 'x.corp.test')).toBe(200);
      expect(await statusWithHost(server.url, 'evil.test')).toBe(403);
      for (const origin of ['https://dash.test', 'https://qa.test']) expect(await statusWithHost(server.url, 'localhost', 'POST', { origin })).toBe(200);
      expect(await statusWithHost(server.url, 'localhost', 'POST', { origin: 'https://evil.test' })).toBe(403);
    } finally {
      await server.stop('SIGTERM');
    }
    const open = await startCli(['--allowed-hosts', 'all']);
    try {
      expect(await statusWithHost(open.url, 'evil.test')).toBe(200);
    } finally {
      await open.stop('SIGTERM');
    }
    expect(open.output()).toContain('--allowed-hosts all');
  });
});
