import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startMock } from '../src/start-mock.js';
import { admin, SNAG_VALUES_PATH } from './support/admin.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';
import { stateFileWorkspace } from './support/state-file-workspace.js';

let dir: string;
let file: string;
const start = stateFileWorkspace('attrmock-log-', (d, f) => {
  dir = d;
  file = f;
});
const snagHeaders = { 'x-api-key': SNAG.key };
const LOOKER_LOGIN = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' };

describe('--state-file write log (issue 16)', { timeout: 120_000 }, () => {
  it('400 parallel upserts, kill -9 right after the 150th answer: every acknowledged value survives the restart', async () => {
    const first = await start();
    const attributes: string[] = [];
    for (let batch = 0; batch < 4; batch++) {
      const created = await http(`${first.url}/snag/api/website_user_attributes`, { method: 'POST', headers: snagHeaders, json: { data: Array.from({ length: 100 }, (_, i) => ({ label: `a-${batch}-${i}` })) } });
      expect(created.status).toBe(200);
      attributes.push(...created.body.data.map((a: { id: string }) => a.id));
    }
    const acknowledged = new Map<string, string>();
    let killed = false;
    const upserts = attributes.map((attributeId, i) =>
      http(`${first.url}${SNAG_VALUES_PATH}`, {
        method: 'POST',
        headers: snagHeaders,
        json: { data: [{ websiteUserAttributeId: attributeId, userId: SNAG.userId, value: `v-${i}` }], websiteId: SNAG.websiteId, organizationId: SNAG.organizationId },
      }).then(
        (res) => {
          if (killed || res.status !== 200) return;
          acknowledged.set(attributeId, `v-${i}`);
          if (acknowledged.size === 150) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        },
        () => undefined,
      ),
    );
    await Promise.all(upserts);
    expect(acknowledged.size).toBe(150);
    const second = await start();
    const values = new Map<string, string>();
    for (const v of (await admin(second.url, 'GET', '/state')).body.vendors.snag.values) if (v.userId === SNAG.userId) values.set(v.websiteUserAttributeId, v.value);
    const lost = [...acknowledged].filter(([attributeId, value]) => values.get(attributeId) !== value);
    expect(lost).toEqual([]);
  });

  it('a restart after kill -9 replays the log to the very same state: generated ids, timestamps and every vendor', async () => {
    const first = await start();
    for (const session of [undefined, 'worker-1']) {
      const headers = session ? { 'x-attrmock-session': session } : {};
      for (let i = 0; i < 5; i++) {
        const res = await http(`${first.url}/snag/api/website_user_attributes`, { method: 'POST', headers: { ...snagHeaders, ...headers }, json: { data: [{ label: `s-${i}` }] } });
        expect(res.status).toBe(200);
      }
      const login = await http(`${first.url}/looker/api/4.0/login`, { ...LOOKER_LOGIN, headers: { ...LOOKER_LOGIN.headers, ...headers } });
      const auth = { authorization: `token ${login.body.access_token}`, ...headers };
      const created = await http(`${first.url}/looker/api/4.0/user_attributes`, { method: 'POST', headers: auth, json: { name: 'replayed', label: 'Replayed', type: 'string' } });
      expect(created.status).toBe(200);
      expect((await http(`${first.url}/looker/api/4.0/users/3/attribute_values/${created.body.id}`, { method: 'PATCH', headers: auth, json: { value: 'kept' } })).status).toBe(200);
    }
    // A GET draws from a world's Faker too (spec-generated bodies): the replay must not depend on it.
    await http(`${first.url}/snag/api/website_user_attributes`, { headers: { ...snagHeaders, prefer: 'dynamic=true' } });
    expect((await http(`${first.url}/snag/api/website_user_attributes`, { method: 'POST', headers: snagHeaders, json: { data: [{ label: 'after-a-get' }] } })).status).toBe(200);
    const before = await Promise.all([admin(first.url, 'GET', '/state'), admin(first.url, 'GET', '/state?session=worker-1')]);
    await first.stop('SIGKILL');
    const second = await start();
    const after = await Promise.all([admin(second.url, 'GET', '/state'), admin(second.url, 'GET', '/state?session=worker-1')]);
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    expect(JSON.stringify(after[0]!.body)).toContain('after-a-get');
  });

  it('an admin change is a checkpoint: writes after a reset are replayed on the reset world, not on the old one', async () => {
    const first = await start();
    await http(`${first.url}/snag/api/website_user_attributes`, { method: 'POST', headers: snagHeaders, json: { data: [{ label: 'before-reset' }] } });
    expect((await admin(first.url, 'POST', '/reset')).status).toBe(200);
    expect((await http(`${first.url}/snag/api/website_user_attributes`, { method: 'POST', headers: snagHeaders, json: { data: [{ label: 'after-reset' }] } })).status).toBe(200);
    const before = (await admin(first.url, 'GET', '/state')).body;
    await first.stop('SIGKILL');
    const second = await start();
    const after = (await admin(second.url, 'GET', '/state')).body;
    expect(after).toEqual(before);
    const labels = after.vendors.snag.attributes.map((a: { label: string }) => a.label);
    expect(labels).toContain('after-reset');
    expect(labels).not.toContain('before-reset');
  });
});

describe('--state-file write log, read back at start', { timeout: 120_000 }, () => {
  it('skips a line cut short by a crash, and never replays a segment whose checkpoint snapshot was not written', async () => {
    const first = await startMock({ port: 0, logLevel: 'silent', stateFile: file });
    expect((await http(`${first.url}/snag/api/website_user_attributes`, { method: 'POST', headers: snagHeaders, json: { data: [{ label: 'logged' }] } })).status).toBe(200);
    const segmentName = (await readdir(dir)).find((name) => /^state\.json\.log\.\d+$/.test(name))!;
    const [header, command] = (await readFile(path.join(dir, segmentName), 'utf8')).split('\n');
    // `first` is left running, not closed, as a crash leaves it: the write is in its log segment only.
    const n = JSON.parse(header!).segment as number;
    // A torn line after the write, and a later segment that needs a checkpoint snapshot that never got written.
    await appendFile(path.join(dir, segmentName), command!.slice(0, 40));
    const other = JSON.parse(command!);
    other.body = { data: [{ label: 'needs-a-lost-checkpoint' }] };
    await writeFile(path.join(dir, `state.json.log.${n + 1}`), `${JSON.stringify({ attrmockLog: 1, segment: n + 1, requires: n + 1 })}\n${JSON.stringify(other)}\n`);
    const lines: string[] = [];
    const second = await startMock({ port: 0, stateFile: file, logger: pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) }) });
    try {
      const labels = (await admin(second.url, 'GET', '/state')).body.vendors.snag.attributes.map((a: { label: string }) => a.label);
      expect(labels).toContain('logged');
      expect(labels).not.toContain('needs-a-lost-checkpoint');
      expect(lines.join('')).toContain('never finished');
      // The start wrote a fresh snapshot and removed the replayed segments.
      expect((await readdir(dir)).filter((name) => name.includes('.log.')).every((name) => Number(name.split('.').pop()) > n + 1)).toBe(true);
    } finally {
      await second.close();
      await first.close().catch(() => undefined);
    }
  });
});

describe('--state-file background snapshots', { timeout: 120_000 }, () => {
  it('a snapshot every few writes deletes the segments it holds, and snapshot + log still load to the same state', async () => {
    const { FileLogStore } = await import('../src/admin/file-log-store.js');
    // Its own state file only makes its engine record writes; the store under test is opened on `file`.
    const mock = await startMock({ port: 0, logLevel: 'silent', stateFile: path.join(dir, 'recording.json') });
    const store = await FileLogStore.open(mock.engine, file, { now: () => new Date(), onError: (error) => { throw error; }, snapshotAfterLines: 3 });
    const startLog = JSON.parse(await readFile(file, 'utf8')).log as number;
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      const handled = mock.engine.handle('snag', { method: 'POST', path: '/api/website_user_attributes', query: {}, headers: { 'x-api-key': SNAG.key, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ data: [{ label: `w-${i}` }] })) });
      expect(handled.response.status).toBe(200);
      writes.push(store.append(handled.command!));
    }
    await Promise.all(writes);
    await store.flush();
    const segments = (await readdir(dir)).filter((name) => name.startsWith('state.json.log.'));
    expect(segments.length).toBeLessThanOrEqual(2);
    // Six snapshots of three writes each were taken, and each moved the log on.
    expect(JSON.parse(await readFile(file, 'utf8')).log).toBeGreaterThanOrEqual(startLog + 6);
    const before = mock.engine.exportWorld();
    await mock.close();
    const again = await startMock({ port: 0, logLevel: 'silent', stateFile: file });
    try {
      expect(again.engine.exportWorld()).toEqual(before);
    } finally {
      await again.close();
      await store.close();
    }
  });
});
