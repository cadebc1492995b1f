import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

export interface RunningPrism {
  url: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 45_000;

/**
 * Starts Prism (`@stoplight/prism-cli`, a dependency of attrmock) mocking one spec on a free loopback port, for the
 * independent cross-check: it knows the spec and nothing of attrmock's code. Waits for "listening" (bounded).
 */
export async function startPrism(specFile: string, root: string): Promise<RunningPrism> {
  const bin = prismBin(root);
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'mock', '-h', '127.0.0.1', '-p', String(port), specFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Prism did not start within ${START_TIMEOUT_MS / 1000} s: ${output.slice(-500)}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (/Prism is listening/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited with code ${code}: ${output.slice(-500)}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // Stop collecting, but keep draining Prism's request log so its pipe never fills and blocks it.
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.resume();
  child.stderr.resume();
  return { url: `http://127.0.0.1:${port}`, stop };
}

/**
 * Where Node's resolution finds Prism: beside attrmock (an installed attrmock has its dependencies hoisted into
 * the project's node_modules, not its own), else in the project it runs from.
 */
export function prismBin(...from: string[]): string {
  const starts = [...from, process.cwd()];
  for (const start of starts) {
    try {
      const manifest = createRequire(path.join(start, 'package.json')).resolve('@stoplight/prism-cli/package.json');
      const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: Record<string, string> }).bin?.prism ?? 'dist/index.js';
      return path.join(path.dirname(manifest), bin);
    } catch {
      /* not reachable from here: try the next place */
    }
  }
  throw new Error(`Prism (@stoplight/prism-cli) cannot be found from ${starts.join(' or ')}; install attrmock with its dependencies (npm install attrmock) or run npm install @stoplight/prism-cli`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
