import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNAG_VALUES_PATH, snagTeamValue, snagValueWrite } from './support/admin.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';
import { failingCli } from './support/spawn-cli.js';
import { stateFileWorkspace } from './support/state-file-workspace.js';
import { waitFor } from './support/wait-for.js';

let dir: string;
let file: string;
const start = stateFileWorkspace('attrmock-state-', (d, f) => {
  dir = d;
  file = f;
});
const addAttributes = (url: string, labels: string[]) =>
  http(`${url}/snag/api/website_user_attributes`, { method: 'POST', headers: { 'x-api-key': SNAG.key }, json: { data: labels.map((label) => ({ label })) } });

describe('--state-file', { timeout: 120_000 }, () => {
  it('writes the seeded world at start, and a restart after SIGTERM keeps every change', async () => {
    const first = await start();
    expect(existsSync(file)).toBe(true);
    expect((await http(`${first.url}${SNAG_VALUES_PATH}`, snagValueWrite('Arsenal'))).status).toBe(200);
    expect(await first.stop('SIGTERM')).toBe(0);
    const second = await start();
    expect(await snagTeamValue(second.url)).toBe('Arsenal');
  });

  it('flushes on SIGINT: a burst of writes sent just before the stop is all there after the restart', async () => {
    const first = await start();
    const labels = Array.from({ length: 40 }, (_, i) => `label-${i}`);
    for (const label of labels) await addAttributes(first.url, [label]);
    expect(await first.stop('SIGINT')).toBe(0);
    const second = await start();
    const listed = await http(`${second.url}/snag/api/website_user_attributes?limit=100`, { headers: { 'x-api-key': SNAG.key } });
    expect(listed.body.data.map((a: any) => a.label)).toEqual(['Tier', 'Favourite team', ...labels]);
  });

  it('keeps sessions and gives new ids after a restart, not the seed\'s again', async () => {
    const first = await start();
    await http(`${first.url}${SNAG_VALUES_PATH}`, snagValueWrite('mine', 'worker-1'));
    const before = (await addAttributes(first.url, ['Plan'])).body.data[0].id;
    await first.stop('SIGTERM');
    const second = await start();
    expect(await snagTeamValue(second.url, 'worker-1')).toBe('mine');
    expect(await snagTeamValue(second.url)).toBeUndefined();
    const after = (await addAttributes(second.url, ['Country'])).body.data[0].id;
    expect(after).not.toBe(before);
  });

  it('survives a kill during a burst of writes: every write answered before the kill is there after the restart', async () => {
    const first = await start();
    expect((await http(`${first.url}${SNAG_VALUES_PATH}`, snagValueWrite('saved'))).status).toBe(200);
    const answered: string[] = [];
    const burst = Array.from({ length: 60 }, (_, i) =>
      addAttributes(first.url, [`late-${i}`]).then((res) => void (res.status === 200 && answered.push(`late-${i}`)), () => undefined),
    );
    await waitFor(() => answered.length >= 20, 1);
    await first.stop('SIGKILL');
    const acknowledged = [...answered];
    await Promise.all(burst);
    const second = await start();
    expect(await snagTeamValue(second.url)).toBe('saved');
    const listed = await http(`${second.url}/snag/api/website_user_attributes?limit=100`, { headers: { 'x-api-key': SNAG.key } });
    const labels = new Set(listed.body.data.map((a: any) => a.label));
    expect(acknowledged.filter((label) => !labels.has(label))).toEqual([]);
  });

  it('reports a corrupt file clearly, refuses to start and leaves the file as it was', async () => {
    await writeFile(file, '{"attrmock":1,"sessions":{');
    const { code, output } = await failingCli(['--state-file', file]);
    expect(code).toBe(1);
    expect(output).toContain(`state file ${file} is not valid JSON`);
    expect(output).toContain('leaves it untouched');
    expect(await readFile(file, 'utf8')).toBe('{"attrmock":1,"sessions":{');
  });

  it('refuses a file whose state does not import, naming the vendor', async () => {
    const first = await start();
    await first.stop('SIGTERM');
    const content = JSON.parse(await readFile(file, 'utf8'));
    content.sessions.default.snag.values[0].websiteUserAttributeId = 'gone';
    const broken = JSON.stringify(content);
    await writeFile(file, broken);
    const { code, output } = await failingCli(['--state-file', file]);
    expect(code).toBe(1);
    expect(output).toMatch(/cannot import \(snag: /);
    expect(await readFile(file, 'utf8')).toBe(broken);
  });
});
