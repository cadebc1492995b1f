// Copies operations from Looker's complete 4.0 spec into specs/looker.oas.yaml, with the component schemas they
// reach, and applies the changes every operation there carries (see the spec's x-attrmock): the /api/4.0 prefix,
// 401 and 500 added, 204 without a body, query lists in OAS 3.0's form style, Retry-After on 429, and named
// examples of Looker's error bodies (`Prefer: example=notFound`). Re-running it only adds what is missing.
//
//   node scripts/copy-looker-operations.mjs <Looker.4.0.oas.json> [operationId ...]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

const TARGET = new URL('../specs/looker.oas.yaml', import.meta.url);
const PREFIX = '/api/4.0';
const DOCS = 'https://cloud.google.com/looker/docs/r/err/4.0';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const ERROR = { $ref: '#/components/schemas/Error' };

/** Looker's own error bodies, by status: the name QA asks for and the message the server sends. */
const NAMED_ERRORS = {
  400: ['badRequest', 'Bad Request'],
  401: ['requiresAuthentication', 'Requires authentication.'],
  403: ['forbidden', 'Forbidden'],
  404: ['notFound', 'Not found'],
  409: ['alreadyExists', 'Resource Already Exists'],
  429: ['tooManyRequests', 'Too Many Requests'],
  500: ['internalServerError', 'Internal Server Error'],
};

const [fullSpecFile, ...wanted] = process.argv.slice(2);
if (!fullSpecFile) throw new Error('usage: copy-looker-operations.mjs <Looker.4.0.oas.json> [operationId ...]');
const full = JSON.parse(readFileSync(fullSpecFile, 'utf8'));
const doc = parseDocument(readFileSync(TARGET, 'utf8'), { maxAliasCount: -1 });
const spec = doc.toJS({ maxAliasCount: -1 });

for (const id of wanted) copyOperation(id);
for (const [pathTemplate, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) if (item[method]) nameErrorExamples(pathTemplate, method, item[method]);
}
writeFileSync(TARGET, doc.toString({ lineWidth: 0 }));

function copyOperation(operationId) {
  const found = findOperation(operationId);
  if (!found) throw new Error(`${operationId} is not in ${fullSpecFile}`);
  const { path, method, op } = found;
  const target = `${PREFIX}${path}`;
  if (spec.paths[target]?.[method]) return;
  const copy = adapt(structuredClone(op));
  spec.paths[target] = { ...(spec.paths[target] ?? {}), [method]: copy };
  if (!doc.hasIn(['paths', target])) doc.setIn(['paths', target], doc.createNode({}));
  doc.setIn(['paths', target, method], doc.createNode(copy));
  for (const name of schemaClosure(copy)) {
    if (doc.hasIn(['components', 'schemas', name])) continue;
    doc.setIn(['components', 'schemas', name], doc.createNode(full.components.schemas[name]));
  }
}

function findOperation(operationId) {
  for (const [path, item] of Object.entries(full.paths)) {
    for (const method of METHODS) if (item[method]?.operationId === operationId) return { path, method, op: item[method] };
  }
  return undefined;
}

function adapt(op) {
  const notes = ['401 added (real behaviour).', '500 added.'];
  for (const p of op.parameters ?? []) {
    if (p.in === 'query' && p.style === 'simple') {
      Object.assign(p, { style: 'form', explode: false, 'x-upstream-style': 'simple' });
      notes.push(`${p.name}: style simple (invalid for a query parameter in OAS 3.0) changed to form, explode false: the same wire format (${p.name}=1,2,3).`);
    }
  }
  const responses = op.responses;
  responses['401'] ??= { description: 'Requires authentication (real behaviour, not declared upstream)', content: { 'application/json': { schema: ERROR } } };
  responses['500'] ??= { description: 'Internal Server Error', content: { 'application/json': { schema: ERROR } } };
  if (responses['204']?.content) {
    delete responses['204'].content;
    notes.push('204 declares no body (upstream gives it a string schema, but a 204 carries none).');
  }
  if (responses['429']) responses['429'].headers ??= { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
  op['x-attrmock'] = notes;
  return op;
}

/** Every component schema an operation reaches, following refs inside schemas too. */
function schemaClosure(op) {
  const names = new Set();
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const ref = value.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (!names.has(name)) {
        names.add(name);
        visit(spec.components.schemas[name] ?? full.components.schemas[name]);
      }
    }
    Object.values(value).forEach(visit);
  };
  visit(op);
  return names;
}

/** `Prefer: example=notFound` answers the body Looker sends for a 404 of this operation, and so on per status. */
function nameErrorExamples(pathTemplate, method, op) {
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const media = response.content?.['application/json'];
    if (!media || status < '400') continue;
    const documentation_url = `${DOCS}/${status}/${method}${pathTemplate.replace(PREFIX, '').replace(/\{([^}]+)\}/g, ':$1')}`;
    const example = status === '422' ? validationExample(documentation_url) : errorExample(status, documentation_url);
    if (!example) continue;
    const [name, value] = example;
    const at = ['paths', pathTemplate, method, 'responses', status, 'content', 'application/json', 'examples', name];
    if (!doc.hasIn(at)) doc.setIn(at, doc.createNode(value));
  }
}

function errorExample(status, documentation_url) {
  const named = NAMED_ERRORS[status];
  if (!named) return undefined;
  const [name, message] = named;
  return [name, { summary: `Looker's ${status} body`, value: { message, documentation_url } }];
}

function validationExample(documentation_url) {
  const error = { field: 'name', code: 'missing', message: 'This field is required.', documentation_url };
  return ['validationFailed', { summary: 'A required field is missing (422 Validation Failed)', value: { message: 'Validation Failed', errors: [error], documentation_url } }];
}
