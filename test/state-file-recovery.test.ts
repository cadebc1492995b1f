import { existsSync } from 'node:fs';
import { readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { startMock } from '../src/start-mock.js';
import { exportLookerState } from '../src/vendors/looker/state-snapshot.js';
import { admin, SNAG_VALUES_PATH, snagTeamValue, snagValueWrite } from './support/admin.js';
import { http } from './support/http.js';
import { failingCli } from './support/spawn-cli.js';
import { stateFileWorkspace } from './support/state-file-workspace.js';
import { savedText, waitFor } from './support/wait-for.js';

let dir: string;
let file: string;
const start = stateFileWorkspace('attrmock-recovery-', (d, f) => {
  dir = d;
  file = f;
});
const LOOKER_LOGIN = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' };

describe('a failed save (issue 20, High)', { timeout: 120_000 }, () => {
  it('is reported, does not stop later saves, and flush() and close() still settle', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const mock = await startMock({ port: 0, logger, stateFile: file });
    // The audit's failure: building the content throws before the save's first await (V8's string limit).
    const exportWorld = mock.engine.exportWorld;
    mock.engine.exportWorld = () => {
      throw new RangeError('Invalid string length');
    };
    expect((await admin(mock.url, 'POST', '/reset?session=other')).status).toBe(200);
    await mock.flush();
    expect(lines.join('')).toContain('Invalid string length');
    mock.engine.exportWorld = exportWorld;
    expect((await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('marker-after-the-failure'))).status).toBe(200);
    expect((await admin(mock.url, 'POST', '/reset?session=another')).status).toBe(200);
    await mock.close();
    const again = await startMock({ port: 0, logLevel: 'silent', stateFile: file });
    try {
      expect(await snagTeamValue(again.url)).toBe('marker-after-the-failure');
    } finally {
      await again.close();
    }
  });

  it('a Looker user with a field nested 20,000 deep is refused; a later write reaches the file and SIGTERM exits', async () => {
    const server = await start();
    const state = (await admin(server.url, 'GET', '/state')).body;
    state.vendors.looker.users[0].nested = 'DEEP';
    // Written as text: JSON.stringify itself cannot nest this deep.
    const deep = `${'{"d":'.repeat(20_000)}"bottom"${'}'.repeat(20_000)}`;
    const body = JSON.stringify({ vendors: { looker: state.vendors.looker } }).replace('"DEEP"', deep);
    const refused = await http(`${server.url}/__admin/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/nests deeper than \d+ levels/);
    expect((await http(`${server.url}${SNAG_VALUES_PATH}`, snagValueWrite('marker-after-refusal'))).status).toBe(200);
    // Answered means on disk: no waiting.
    expect(await savedText(file)).toContain('marker-after-refusal');
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('an imported Looker record with a field the mock does not know is refused, naming it', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent' });
    try {
      const looker = (await admin(mock.url, 'GET', '/state')).body.vendors.looker;
      looker.users[0].nickname = 'x';
      const refused = await admin(mock.url, 'PUT', '/state', { vendors: { looker } });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe('looker: users[0].nickname: is not a field of the snapshot');
    } finally {
      await mock.close();
    }
  });

  it('the Looker export is a copy of plain objects, never the world stringified as one string', async () => {
    const mock = await startMock({ port: 0, logLevel: 'silent' });
    try {
      const world = mock.engine.worlds.get().get('looker')!;
      const stringify = vi.spyOn(JSON, 'stringify');
      const exported = exportLookerState(world.state as never) as Record<string, unknown[]>;
      expect(stringify).not.toHaveBeenCalled();
      stringify.mockRestore();
      expect(exported.users.length).toBeGreaterThan(0);
      // A copy: changing it leaves the world as it was.
      (exported.users[0] as Record<string, unknown>).first_name = 'changed';
      expect(JSON.stringify(exportLookerState(world.state as never))).not.toContain('"changed"');
    } finally {
      await mock.close();
    }
  });
});

describe('the state file holds secrets (issue 20, Low)', { timeout: 120_000 }, () => {
  it('is created 0600 through an exclusive temp file that never follows a planted link', async () => {
    const victim = path.join(dir, 'victim.txt');
    await writeFile(victim, 'not attrmock\'s');
    await symlink(victim, `${file}.tmp`);
    const server = await start();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(victim, 'utf8')).toBe('not attrmock\'s');
    await symlink(victim, `${file}.tmp`).catch(() => undefined);
    await symlink(victim, `${file}.log.9`).catch(() => undefined);
    expect((await http(`${server.url}${SNAG_VALUES_PATH}`, snagValueWrite('after-the-link'))).status).toBe(200);
    expect(await savedText(file)).toContain('after-the-link');
    // A checkpoint (an admin change) writes the snapshot through the temp file again.
    expect((await admin(server.url, 'POST', '/reset?session=other')).status).toBe(200);
    await waitFor(async () => !existsSync(`${file}.tmp`));
    expect(await readFile(victim, 'utf8')).toBe('not attrmock\'s');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('leaves Looker access tokens out of the file and of GET /__admin/state', async () => {
    const server = await start();
    const login = await http(`${server.url}/looker/api/4.0/login`, LOOKER_LOGIN);
    expect(login.status).toBe(200);
    const token: string = login.body.access_token;
    expect(await server.stop('SIGTERM')).toBe(0);
    const saved = await readFile(file, 'utf8');
    expect(saved).not.toContain(token);
    expect(JSON.parse(saved).sessions.default.looker.tokens).toBeUndefined();
    const mock = await startMock({ port: 0, logLevel: 'silent' });
    try {
      const again = await http(`${mock.url}/looker/api/4.0/login`, LOOKER_LOGIN);
      expect((await admin(mock.url, 'GET', '/state')).text).not.toContain(again.body.access_token);
    } finally {
      await mock.close();
    }
  });

  it('a parse error names the byte, never the text around it', async () => {
    await writeFile(file, '{"attrmock":1,"secret": hunter2-WAREHOUSE-PW}');
    const { code, output } = await failingCli(['--state-file', file]);
    expect(code).toBe(1);
    expect(output).toContain(`state file ${file} is not valid JSON (at byte 24)`);
    expect(output).not.toMatch(/hunter|WAREHOUSE/);
  });
});

describe('--state-file in a folder that does not exist (issue 21)', () => {
  it('names the file and says what to do', async () => {
    const missing = path.join(dir, 'no-such-folder', 'state.json');
    const { code, output } = await failingCli(['--state-file', missing]);
    expect(code).toBe(1);
    expect(output).toContain(`state file ${missing} cannot be created: its folder ${path.dirname(missing)} does not exist`);
    expect(output).toContain(`mkdir -p ${path.dirname(missing)}`);
    expect(output).not.toMatch(/ENOENT/);
    expect(existsSync(path.dirname(missing))).toBe(false);
  });
});
