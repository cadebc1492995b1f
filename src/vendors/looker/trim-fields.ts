/** A parsed `fields` list: property name → the fields wanted inside it (null: the whole value). */
export type FieldTree = Map<string, FieldTree | null>;

/**
 * Parses Looker's `fields` parameter: comma-separated names, with `name(sub,fields)` for nested objects.
 * Example: `parseFields('id,credentials_email(email)')`. Blank input means "no trimming" (undefined).
 */
export function parseFields(fields: string | undefined): FieldTree | undefined {
  if (fields === undefined || fields.trim() === '') return undefined;
  const [tree] = parseList(fields, 0);
  return tree.size > 0 ? tree : undefined;
}

function parseList(input: string, start: number): [FieldTree, number] {
  const tree: FieldTree = new Map();
  let name = '';
  let i = start;
  const flush = (sub: FieldTree | null): void => {
    const key = name.trim();
    if (key !== '') tree.set(key, sub);
    name = '';
  };
  while (i < input.length) {
    const ch = input[i];
    if (ch === '(') {
      const [sub, next] = parseList(input, i + 1);
      flush(sub);
      i = next;
      while (i < input.length && input[i] !== ',' && input[i] !== ')') i++;
      continue;
    }
    if (ch === ')') {
      flush(null);
      return [tree, i + 1];
    }
    if (ch === ',') flush(null);
    else name += ch;
    i++;
  }
  flush(null);
  return [tree, i];
}

/** Keeps only the requested properties of an object, or of every object in an array; names it lacks are skipped. */
export function trimFields(value: unknown, tree: FieldTree | undefined): unknown {
  if (!tree) return value;
  if (Array.isArray(value)) return value.map((item) => trimFields(item, tree));
  if (!value || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    if (key in source) out[key] = sub && sub.size > 0 ? trimFields(source[key], sub) : source[key];
  }
  return out;
}

/** The parsed `fields` query parameter of a request. */
export function requestedFields(query: Record<string, unknown>): FieldTree | undefined {
  return parseFields(typeof query.fields === 'string' ? query.fields : undefined);
}
