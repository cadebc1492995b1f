import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startCli, type CliServer } from './spawn-cli.js';

/**
 * A fresh folder per test with `state.json` in it, and `attrmock mock --state-file` servers started on it that are
 * killed afterwards. `use(dir, file)` hands the test file each test's paths.
 */
export function stateFileWorkspace(prefix: string, use: (dir: string, file: string) => void): (args?: string[]) => Promise<CliServer> {
  let file = '';
  let dir = '';
  const running: CliServer[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
    file = path.join(dir, 'state.json');
    use(dir, file);
  });
  afterEach(async () => {
    for (const server of running.splice(0)) if (server.child.exitCode === null && server.child.signalCode === null) await server.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });
  return async (args: string[] = []) => {
    const server = await startCli(['--state-file', file, ...args]);
    running.push(server);
    return server;
  };
}
