import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's redis-server, when installed (`.ci/run` installs it). */
export const REDIS_MISSING = spawnSync('redis-server', ['--version']).error !== undefined;

/**
 * Tests that need Redis are skipped without it, loudly; under CI=true its absence fails the run instead.
 * Returns true when the tests should be skipped.
 */
export function skipWithoutRedis(what: string): boolean {
  if (!REDIS_MISSING) return false;
  const why = `redis-server is not installed (apt-get install -y redis-server, as .ci/run does): ${what} SKIPPED`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${why}`);
  process.stderr.write(`\n*** ${why} ***\n\n`);
  return true;
}

export interface RedisServer {
  url: string;
  port: number;
  /** Stops it (SIGKILL: as a crash would); start() brings it back on the same port and data (and does nothing while it runs). */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** Starts redis-server on a free loopback port, every write fsynced to an append-only file in a temp folder. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'attrmock-redis-'));
  let child: ChildProcess | undefined;
  const start = () =>
    child ? Promise.resolve() : new Promise<void>((resolve, reject) => {
      const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let output = '';
      proc.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      proc.once('exit', (code) => {
        if (child === proc) child = undefined;
        reject(new Error(`redis-server exited (${code}):\n${output}`));
      });
    });
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
