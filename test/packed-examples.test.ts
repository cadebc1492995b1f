import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedProject, ROOT, type PackedProject } from './support/packed-project.js';

const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
/** One inner worker: the outer run already keeps the machine's cores busy. */
const INNER = ['run', '--pool', 'forks', '--maxWorkers', '1', '--minWorkers', '1'];
/** A child vitest or tsc loads its whole toolchain first: minutes on a busy shared machine. */
const SLOW = 180_000;
let project: PackedProject;

beforeAll(() => {
  project = packedProject(['vitest-suite', 'express-app']);
});
afterAll(() => project?.remove());

describe('attrmock installed from its packed tarball', () => {
  it('exports ., ./express, ./vitest and ./jest, and nothing else of dist', async () => {
    const script = `
      const main = await import('attrmock');
      const embed = await import('attrmock/express');
      console.log(typeof main.startMock, typeof main.VerificationError, typeof embed.attrmockMiddleware, typeof embed.VerificationError);
      await import('attrmock/dist/src/start-mock.js').catch((e) => console.log(e.code));
    `;
    const { code, output } = await project.run(['--input-type=module', '-e', script]);
    expect(output.trim()).toBe('function function function function\nERR_PACKAGE_PATH_NOT_EXPORTED');
    expect(code).toBe(0);
  });

  it('types the middleware, verification and the matchers for a TypeScript user', async () => {
    writeFileSync(path.join(project.dir, 'uses-types.ts'), `
      import { startMock, type RequestPattern, type FaultHandle, type JournalEntry } from 'attrmock';
      import { attrmockMiddleware, type AttrmockMiddleware } from 'attrmock/express';
      import 'attrmock/vitest';
      import { expect } from 'vitest';
      const mock = await startMock({ port: 0 });
      const pattern: RequestPattern = { operationId: 'me', times: 1, status: '2xx' };
      mock.verify(pattern);
      const entries: JournalEntry[] = mock.requests({ vendor: 'looker' });
      const handle: FaultHandle = mock.fault({ operationId: 'me', status: 500 });
      const fired: number = handle.fired;
      const middleware: AttrmockMiddleware = attrmockMiddleware({ admin: false });
      const headers: { 'x-attrmock-session': string } = middleware.session('w1').headers;
      expect(mock).toHaveReceived('me', { times: 1, body: { a: 1 }, status: 200, session: 'w1' });
      expect(middleware).not.toHaveReceivedNothingElse();
      // @ts-expect-error times is a number
      mock.verify({ times: 'twice' });
      export { entries, fired, headers };
    `);
    const { code, output } = await project.run([TSC, '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', 'uses-types.ts']);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, SLOW);

  it('runs the example vitest suite, which tests the example Express 4 app', async () => {
    const { code, output } = await project.run([VITEST, ...INNER], path.join(project.dir, 'vitest-suite'));
    expect(output).toMatch(/Tests\s+6 passed \(6\)/);
    expect(code).toBe(0);
  }, SLOW);

  it('prints the near misses of a failing verification in the test runner\'s report', async () => {
    const { code, output } = await project.run([VITEST, ...INNER], path.join(project.dir, 'vitest-suite/near-miss-demo'));
    expect(output).toContain('expected at least one request matching { operationId: "createWebsiteUserAttributeValues", body: {"data":[{"value":"gold"}]} }, received 0.');
    expect(output).toContain('body.data[0].value: expected "gold", received "silver"');
    expect(code).toBe(1);
  }, SLOW);
});
