/**
 * Reads a value out of a JSON body by a short path: `data[0].label`, `data[-1].id` (from the end),
 * `data.length`, `$` (the whole body; absent when there is none). Answers `{ found: false }` when any step of the way is missing.
 */
export function readPath(root: unknown, path: string): { found: true; value: unknown } | { found: false } {
  if (path === '$' || path === '') return root === undefined ? { found: false } : { found: true, value: root };
  let current: unknown = root;
  for (const segment of splitPath(path)) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return { found: false };
      const index = segment < 0 ? current.length + segment : segment;
      if (index < 0 || index >= current.length) return { found: false };
      current = current[index];
    } else if (segment === 'length' && (Array.isArray(current) || typeof current === 'string')) {
      current = current.length;
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { found: false };
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return { found: false };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}

/** `a.b[0]["c.d"]` → ['a', 'b', 0, 'c.d']; a leading `$.` is allowed. */
export function splitPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const pattern = /\[(-?\d+)\]|\["([^"]*)"\]|([^.[\]]+)/g;
  for (const match of path.replace(/^\$\.?/, '').matchAll(pattern)) {
    if (match[1] !== undefined) out.push(Number(match[1]));
    else if (match[2] !== undefined) out.push(match[2]);
    else if (match[3] !== undefined) out.push(match[3]);
  }
  return out;
}
