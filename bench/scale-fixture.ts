import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

export const SCALE_KEY = 'snag-dev-key';
export const SCALE_WEBSITE = '123e4567-e89b-12d3-a456-426614174001';
export const SCALE_ORGANIZATION = '123e4567-e89b-12d3-a456-426614174002';
/** Each user holds one value of each attribute, so a user's list is always this long. */
export const ATTRIBUTES_PER_USER = 10;

const uuid = (prefix: string, i: number): string => `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
export const scaleUserId = (i: number): string => uuid('00000000', i);
export const scaleAttributeId = (i: number): string => uuid('20000000', i);
const valueId = (i: number): string => uuid('10000000', i);

/** Writes `dir/snag.json`: one website, `values / 10` users, 10 attributes, every user holding every attribute. */
export function writeScaleFixture(dir: string, values: number): { users: number } {
  mkdirSync(dir, { recursive: true });
  const users = Math.ceil(values / ATTRIBUTES_PER_USER);
  const fd = openSync(path.join(dir, 'snag.json'), 'w');
  const write = (text: string): number => writeSync(fd, text);
  write(`{"organizations":[{"id":"${SCALE_ORGANIZATION}","name":"Scale"}],`);
  write(`"websites":[{"id":"${SCALE_WEBSITE}","organizationId":"${SCALE_ORGANIZATION}","name":"scale.example"}],`);
  write(`"apiKeys":[{"key":"${SCALE_KEY}","organizationId":"${SCALE_ORGANIZATION}","websiteId":"${SCALE_WEBSITE}"}],`);
  write('"attributes":[');
  for (let a = 0; a < ATTRIBUTES_PER_USER; a++) {
    write(`${a ? ',' : ''}{"id":"${scaleAttributeId(a)}","websiteId":"${SCALE_WEBSITE}","organizationId":"${SCALE_ORGANIZATION}","label":"attribute ${a}","createdAt":"2026-01-01T00:00:00.000Z"}`);
  }
  write('],"users":[');
  writeChunked(users, (u) => `{"id":"${scaleUserId(u)}","organizationId":"${SCALE_ORGANIZATION}"}`, write);
  write('],"values":[');
  const base = Date.parse('2026-01-02T00:00:00.000Z');
  writeChunked(values, (v) => {
    const user = Math.floor(v / ATTRIBUTES_PER_USER);
    const at = new Date(base + v * 1000).toISOString();
    return `{"id":"${valueId(v)}","websiteUserAttributeId":"${scaleAttributeId(v % ATTRIBUTES_PER_USER)}","userId":"${scaleUserId(user)}","value":"v${v}","createdAt":"${at}"}`;
  }, write);
  write(']}\n');
  closeSync(fd);
  return { users };
}

function writeChunked(count: number, item: (i: number) => string, write: (text: string) => number): void {
  for (let start = 0; start < count; start += 10_000) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(count, start + 10_000); i++) parts.push(item(i));
    write((start ? ',' : '') + parts.join(','));
  }
}
