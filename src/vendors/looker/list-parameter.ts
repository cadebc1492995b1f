/**
 * A list query parameter as Looker reads it: a comma list (`ids=1,2`, what the SDK sends for a `DelimArray`).
 * For a plain JavaScript array the SDK sends the list JSON-encoded (`ids=["1","2"]`), which the real server does
 * not read: the filter is passed over and every record comes back (sdk-codegen#749, where
 * user_attribute_user_values returned every attribute; sdk-codegen docs/rationale.md, "Methods with delimited
 * list types"). The mock answers the same and says why, so the caller is not left with a silent surprise.
 *
 * Example: `readListParameter(query, 'ids', warn)` → `['1', '2']`, or undefined (no filter).
 */
export function readListParameter(query: Record<string, unknown>, name: string, warn: (message: string) => void): string[] | undefined {
  const items = query[name];
  if (!Array.isArray(items) || items.length === 0) return undefined;
  // The engine has split the text on commas already; a JSON list is whole again once joined back.
  const text = items.join(',').trim();
  if (!(text.startsWith('[') && text.endsWith(']'))) return items.map((item) => String(item).trim());
  warn(
    `${name}=${text} is a JSON-encoded list, which Looker does not read: the filter is passed over and every record ` +
      `comes back, as the real server answers (sdk-codegen#749). Send a comma list: with @looker/sdk, ` +
      `${name}: new DelimArray(${jsonToJs(text)}) (sends ${name}=${commaList(text)}).`,
  );
  return undefined;
}

function parsedList(text: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function jsonToJs(text: string): string {
  return parsedList(text) ? JSON.stringify(parsedList(text)).replace(/"/g, "'") : '[...]';
}

function commaList(text: string): string {
  return parsedList(text)?.map(String).join(',') ?? '1,2';
}
