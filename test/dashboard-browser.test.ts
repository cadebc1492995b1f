import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startMock, type RunningMock } from '../src/index.js';
import { SNAG_VALUES_PATH, snagValueWrite } from './support/admin.js';
import { browserUnavailable, launchBrowser, type Browser } from './support/browser.js';
import { http } from './support/http.js';

const TOKEN = 'qa-dashboard-token';
/** How long the page may take to show what the server did: generous, since the machine is shared. */
const SHOWS = { timeout: 10_000 };
const skipped = browserUnavailable('test/dashboard-browser.test.ts (the QA dashboard in headless Chromium)');

describe.skipIf(skipped !== undefined)('the QA dashboard in a real browser', () => {
  let mock: RunningMock;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', adminToken: TOKEN });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${mock.url}/__admin/ui`);
  });
  afterAll(async () => {
    await browser?.close();
    await mock?.close();
  });

  it('redirects /__admin/ui to /__admin/ui/ and asks for the admin token before it calls the admin API', async () => {
    expect(new URL(page.url()).pathname).toBe('/__admin/ui/');
    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => page.locator('#live').textContent(), SHOWS).toBe('live');
  });

  it('lists every operation of each vendor with its documented statuses', async () => {
    // Read the rendered names in one round trip: Looker alone has ~480 operations, one poll each took minutes.
    const expected = mock.engine.vendorNames.flatMap((vendor) => mock.engine.operations(vendor).map((op) => op.operationId)).sort();
    const shownNames = () => page.locator('td > strong').allTextContents().then((names) => names.sort());
    await expect.poll(shownNames, SHOWS).toEqual(expected);
    await expect.poll(() => page.getByRole('button', { name: 'Force 401 on createUserAttribute' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Force other status on createUserAttribute' }).count()).toBe(1);
  });

  it('shows the seeded records of the session as tables', async () => {
    const attributes = page.getByRole('table', { name: 'snag attributes' });
    await expect.poll(() => attributes.getByText('Favourite team', { exact: true }).count(), SHOWS).toBe(1);
    await expect.poll(() => page.getByRole('table', { name: 'looker users' }).getByText('api-admin@example.com').count()).toBe(1);
    await expect.poll(() => page.getByRole('table', { name: 'lightdash members' }).getByText('demo@lightdash.com').count()).toBe(1);
  });

  it('forces a 429 with one click, shows it live in the journal with its body, and removes the rule', async () => {
    await page.getByLabel('to the next').fill('2');
    await page.getByRole('button', { name: 'Force 429 on createWebsiteUserAttributeValues' }).click();
    const rules = page.locator('#faults');
    await expect.poll(() => rules.textContent(), SHOWS).toContain('createWebsiteUserAttributeValues');
    const [rule] = (await http(`${mock.url}/__admin/faults`, { headers: { authorization: `Bearer ${TOKEN}` } })).body.faults;
    expect(rule).toMatchObject({ vendor: 'snag', operationId: 'createWebsiteUserAttributeValues', status: 429, times: 2, fired: 0 });

    const forced = await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('Arsenal'));
    expect(forced.status).toBe(429);

    const row = page.locator('#journal-rows tr', { hasText: SNAG_VALUES_PATH }).filter({ hasText: '429' });
    await expect.poll(() => row.count(), SHOWS).toBe(1);
    expect(await row.textContent()).toContain(rule.id);
    await expect.poll(() => rules.locator('tr', { hasText: rule.id }).locator('td').nth(4).textContent(), SHOWS).toBe('1');

    await row.getByRole('button').click();
    const detail = page.locator('#detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    const response = await detail.locator('#detail-response').textContent();
    expect(response).toContain('429');
    expect(response).toContain(forced.body.message);
    const request = await detail.locator('#detail-request').textContent();
    expect(request).toContain('Arsenal');
    expect(request).toContain('"x-api-key": "[REDACTED]"');

    await page.getByRole('button', { name: `Remove fault rule ${rule.id}` }).click();
    await expect.poll(() => rules.textContent(), SHOWS).toContain('None');
    expect((await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('Arsenal'))).status).toBe(200);
    await expect.poll(() => page.locator('#journal-rows tr', { hasText: SNAG_VALUES_PATH }).filter({ hasText: '200' }).count(), SHOWS).toBe(1);
  });

  it('shows the state the write left', async () => {
    const values = page.getByRole('table', { name: 'snag values' });
    await expect.poll(() => values.getByText('Arsenal', { exact: true }).count(), SHOWS).toBe(1);
  });

  it('shows each validation error of a rejected request', async () => {
    const bad = snagValueWrite('x');
    bad.json.data[0]!.userId = 'bob';
    expect((await http(`${mock.url}${SNAG_VALUES_PATH}`, bad)).status).toBe(400);
    const row = page.locator('#journal-rows tr').filter({ hasText: '400' });
    await expect.poll(() => row.count(), SHOWS).toBe(1);
    await row.getByRole('button').click();
    const errors = page.getByRole('table', { name: 'Validation errors' });
    await expect.poll(() => errors.textContent(), SHOWS).toContain('/data/0/userId');
    expect(await errors.textContent()).toContain('body');
  });

  it('filters the journal by status class, vendor and session', async () => {
    await http(`${mock.url}/lightdash/api/v1/org/attributes`, { headers: { authorization: 'ApiKey lightdash-dev-token', 'x-attrmock-session': 'qa-2' } });
    const rows = page.locator('#journal-rows tr');
    await expect.poll(() => rows.filter({ hasText: 'lightdash' }).count(), SHOWS).toBe(1);
    await page.locator('#filter-status').selectOption('4');
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('400'), expect.stringContaining('429')]);
    await page.locator('#filter-status').selectOption('');
    await page.locator('#filter-vendor').selectOption('lightdash');
    expect(await rows.count()).toBe(1);
    await page.locator('#filter-vendor').selectOption('');
    await page.locator('#filter-session').selectOption('qa-2');
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('lightdash')]);
    await page.locator('#filter-session').selectOption('');
  });

  it('follows the session picked: its state, and fault rules scoped to it', async () => {
    await page.locator('#session').fill('qa-2');
    await page.getByRole('button', { name: 'Use session' }).click();
    await expect.poll(() => page.locator('#state-session').textContent(), SHOWS).toBe('qa-2');
    // The session has its own seeded world: the default session's write is not in it.
    await expect.poll(() => page.getByRole('table', { name: 'snag values' }).getByText('Arsenal', { exact: true }).count(), SHOWS).toBe(0);
    await page.getByRole('button', { name: 'Force 500 on listWebsiteUserAttributes' }).click();
    await expect.poll(() => page.locator('#faults').textContent(), SHOWS).toContain('session qa-2');
    const list = (session?: string) => http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': 'snag-dev-key', ...(session ? { 'x-attrmock-session': session } : {}) } });
    expect((await list()).status).toBe(200);
    expect((await list('qa-2')).status).toBe(500);
  });

  it('loads a scenario, resets, exports and imports the picked session\'s state', async () => {
    await page.locator('#session').fill('qa-3');
    await page.getByRole('button', { name: 'Use session' }).click();
    await expect.poll(() => page.locator('#state-session').textContent(), SHOWS).toBe('qa-3');
    const snagAttributes = () => page.getByRole('table', { name: 'snag attributes' }).getByText('Favourite team', { exact: true }).count();
    await expect.poll(snagAttributes, SHOWS).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export state' }).click()]);
    expect(download.suggestedFilename()).toBe('attrmock-state-qa-3.json');
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(exported).toMatchObject({ session: 'qa-3', vendors: { snag: { attributes: expect.any(Array) } } });

    await page.getByLabel('Scenario').selectOption('snag-empty-website');
    await page.getByRole('button', { name: 'Load scenario' }).click();
    await expect.poll(snagAttributes, SHOWS).toBe(0);
    expect((await http(`${mock.url}/snag/api/website_user_attributes`, { headers: { 'x-api-key': 'snag-dev-key', 'x-attrmock-session': 'qa-3' } })).body.data).toEqual([]);

    await page.locator('#state-import').setInputFiles({ name: 'state.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect.poll(snagAttributes, SHOWS).toBe(1);

    await page.getByLabel('Scenario').selectOption('snag-empty-website');
    await page.getByRole('button', { name: 'Load scenario' }).click();
    await expect.poll(snagAttributes, SHOWS).toBe(0);
    await page.getByRole('button', { name: 'Reset session' }).click();
    await expect.poll(snagAttributes, SHOWS).toBe(1);
  });

  it('loads without console errors, and the screenshot shows a usable page', async () => {
    await page.locator('#session').fill('default');
    await page.getByRole('button', { name: 'Use session' }).click();
    await expect.poll(() => page.locator('#state-session').textContent(), SHOWS).toBe('default');
    await page.locator('#filter-session').selectOption('');
    await page.locator('#journal-rows tr').filter({ hasText: '429' }).getByRole('button').click();
    // ATTRMOCK_SCREENSHOT=docs/dashboard.png renews the README's picture.
    await page.screenshot({ path: process.env.ATTRMOCK_SCREENSHOT ?? path.join(tmpdir(), 'attrmock-dashboard.png') });
    expect(problems).toEqual([]);
  });
});
