/** JSON Schema of a suite file (contracts/*.yaml), so a typo in a suite is an error that names its place. */
const request = {
  type: 'object',
  required: ['method', 'path'],
  additionalProperties: false,
  properties: {
    method: { type: 'string', pattern: '^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|get|post|put|patch|delete|head|options)$' },
    path: { type: 'string', pattern: '^(/|\\$\\{)' },
    query: { type: 'object' },
    headers: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    body: {},
    form: { type: 'object', additionalProperties: { type: 'string' } },
    raw: { type: 'string' },
    auth: { enum: ['default', 'none'] },
    status: { type: 'array', items: { type: 'integer' } },
  },
};

const tags = { type: 'array', items: { type: 'string' } };

const step = {
  type: 'object',
  required: ['name', 'request', 'expect'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    request,
    expect: {
      type: 'object',
      required: ['status'],
      additionalProperties: false,
      properties: {
        status: { anyOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' }, minItems: 1 }] },
        body: { type: 'object' },
        headers: { type: 'object' },
      },
    },
    capture: { type: 'object', additionalProperties: { type: 'string' } },
    cleanup: { anyOf: [request, { type: 'array', items: request }] },
    tags,
    mutating: { type: 'boolean' },
  },
};

export const suiteSchema = {
  type: 'object',
  required: ['vendor', 'name', 'scenarios'],
  additionalProperties: false,
  properties: {
    vendor: { type: 'string' },
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    variables: { type: 'object' },
    vendorVariables: { type: 'object', additionalProperties: { type: 'string' } },
    scenarios: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'steps'],
        additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1 }, tags, steps: { type: 'array', minItems: 1, items: step } },
      },
    },
  },
} as const;
