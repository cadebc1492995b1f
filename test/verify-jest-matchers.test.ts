import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';
import { SNAG_VALUES_PATH, snagValueWrite } from './support/admin.js';

// attrmock/jest registers on the global `expect` jest defines; vitest's expect speaks the same matcher protocol.
let mock: RunningMock;

beforeAll(async () => {
  await expect(import('../src/verify/jest.js')).rejects.toThrow(/registers on the global expect/);
  (globalThis as { expect?: unknown }).expect = expect;
  await import('../src/verify/jest.js?global');
  mock = await startMock({ port: 0, logLevel: 'silent' });
});
afterAll(async () => {
  delete (globalThis as { expect?: unknown }).expect;
  await mock.close();
});

it('registers toHaveReceived on the global expect', async () => {
  await http(`${mock.url}${SNAG_VALUES_PATH}`, snagValueWrite('jest'));
  (expect(mock) as unknown as { toHaveReceived(op: string, o: object): void }).toHaveReceived('createWebsiteUserAttributeValues', { body: { data: [{ value: 'jest' }] } });
  expect(() => (expect(mock) as unknown as { toHaveReceived(op: string): void }).toHaveReceived('listWebsiteUserAttributes')).toThrow(/Other requests received, nearest first/);
});
