import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startMock } from '../src/index.js';
import { CLI, startCli } from './support/spawn-cli.js';

const run = promisify(execFile);

describe('where startMock listens and the URL it gives', () => {
  it.each([
    ['0.0.0.0', '0.0.0.0', true, 'http://127.0.0.1:'],
    ['::', '::', true, 'http://[::1]:'],
    ['localhost', '127.0.0.1', false, 'http://127.0.0.1:'],
    ['::1', '::1', false, 'http://[::1]:'],
  ])('bound to %s: address %s, all interfaces %s, a URL a client here reaches', async (host, address, allInterfaces, url) => {
    const mock = await startMock({ port: 0, host, logLevel: 'silent' });
    try {
      expect(mock).toMatchObject({ address, allInterfaces });
      expect(mock.url).toBe(`${url}${mock.port}`);
      expect((await fetch(`${mock.url}/__admin/health`)).status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});

describe.skipIf(!existsSync(CLI))('attrmock mock (the built CLI)', () => {
  it('says in --help that the admin token goes in either header, and that health needs none', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'mock', '--help']);
    const help = stdout.replace(/\s+/g, ' ');
    expect(help).toContain('Authorization: Bearer <token>');
    expect(help).toContain('x-attrmock-admin-token: <token>');
    expect(help).toContain('GET /__admin/health');
  });

  it('with --host 0.0.0.0 says it listens on every interface, and prints a URL that answers', async () => {
    const server = await startCli(['--host', '0.0.0.0', '--admin-token', 't']);
    try {
      expect(server.output()).toMatch(/^attrmock listening on http:\/\/127\.0\.0\.1:\d+ and every other interface \(bound to 0\.0\.0\.0\) \(vendors: /m);
      expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
    } finally {
      await server.stop('SIGTERM');
    }
  });

  it('with a single address prints that address', async () => {
    const server = await startCli(['--host', '127.0.0.1']);
    try {
      expect(server.output()).toMatch(/^attrmock listening on http:\/\/127\.0\.0\.1:\d+ \(vendors: /m);
    } finally {
      await server.stop('SIGTERM');
    }
  });
});
