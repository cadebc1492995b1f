/** `npm run docs:operations`: rewrites the README's operations table from the specs and the vendors' handlers. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { operationsTable, withTable } from './operations-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.join(root, 'README.md');
const before = await readFile(file, 'utf8');
const after = withTable(before, await operationsTable(root));
if (after !== before) await writeFile(file, after);
process.stdout.write(after === before ? 'README.md operations table is current\n' : 'README.md operations table rewritten\n');
