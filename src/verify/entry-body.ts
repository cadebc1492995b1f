import type { JournalEntry } from '../admin/journal.js';

/**
 * The body of a journal entry as a test compares it: JSON parsed, a form as an object of its fields (Looker's
 * login), anything else as the text kept. The journal may keep a body as text (it cuts and redacts long ones), so
 * JSON text is parsed here; text that does not parse (cut short) stays text.
 */
export function entryBody(entry: Pick<JournalEntry, 'body' | 'headers'>): unknown {
  const { body } = entry;
  if (typeof body !== 'string') return body;
  const type = entry.headers['content-type'] ?? '';
  if (/json/i.test(type)) {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  if (/x-www-form-urlencoded/i.test(type)) {
    const fields: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(body)) {
      const seen = fields[key];
      fields[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
    return fields;
  }
  return body;
}
