import { MockError } from '../../engine/errors.js';

/** Small readers for parsed YAML/JSON that name the offending place when the input is wrong. */

export type Obj = Record<string, unknown>;

export function invalid(where: string, what: string): MockError {
  return new MockError({ kind: 'validation', message: `looker: ${where}: ${what}` });
}

export function asObject(value: unknown, where: string): Obj {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(where, 'must be an object');
  return value as Obj;
}

export function asList(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(where, 'must be a list');
  return value;
}

export function text(obj: Obj, key: string, where: string): string {
  const value = obj[key];
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value === '') throw invalid(`${where}.${key}`, 'must be a non-empty string');
  return value;
}

export function optionalText(obj: Obj, key: string, where: string): string | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw invalid(`${where}.${key}`, 'must be a string');
  return value;
}

export function flag(obj: Obj, key: string, where: string, fallback: boolean): boolean {
  const value = obj[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalid(`${where}.${key}`, 'must be true or false');
  return value;
}

export function optionalNumber(obj: Obj, key: string, where: string): number | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`${where}.${key}`, 'must be a number');
  return value;
}

export function textList(obj: Obj, key: string, where: string): string[] {
  return asList(obj[key], `${where}.${key}`).map((item, i) => {
    if (typeof item !== 'string' && typeof item !== 'number') throw invalid(`${where}.${key}[${i}]`, 'must be a string');
    return String(item);
  });
}
