import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { send, type BenchRequest } from './send.js';

export interface ServerSpec {
  name: string;
  /** Arguments to node (the script first); every server is a node process, so its pid is the one measured. */
  args: string[];
  port: number;
  /** A request that must answer 2xx once the server is up; its path is appended to the base URL. */
  probe: Omit<BenchRequest, 'url'> & { path: string };
  env?: Record<string, string>;
  /** How long start-up may take before the bench gives up on this server. */
  timeoutMs?: number;
}

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** From spawn to the first 2xx answer to the probe. */
  startupMs: number;
  /** The last few KB the server wrote, for error reports. */
  outputTail(): string;
  stop(): Promise<void>;
}

/** A free loopback port, so a start-up can be timed by polling a port known before spawn. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Spawns a server in its own process and waits for its first successful answer; its output is drained as it comes. */
export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4096);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  const url = `http://127.0.0.1:${spec.port}`;
  const deadline = started + (spec.timeoutMs ?? 120_000);
  for (;;) {
    if (exited) throw new Error(`${spec.name} ${exited} before answering:\n${tail}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.name} did not answer ${spec.probe.path} in time:\n${tail}`);
    }
    const status = await send({ ...spec.probe, url: url + spec.probe.path }, 2_000).then((r) => r.status, () => 0);
    if (status >= 200 && status < 300) break;
    await new Promise((resolve) => setTimeout(resolve, status === 0 ? 5 : 50));
  }
  return { name: spec.name, url, pid: child.pid!, startupMs: performance.now() - started, outputTail: () => tail, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
