import type { Operation } from '../src/engine/types.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MockError } from '../src/engine/errors.js';
import { seededFaker } from '../src/store/world.js';
import { lightdashVendor } from '../src/vendors/lightdash/index.js';
import { tsoaCreateUserAttributeErrors } from '../src/vendors/lightdash/tsoa-body-errors.js';

const fixture = () => parse(readFileSync(new URL('../fixtures/lightdash.yaml', import.meta.url), 'utf8')) as Record<string, any>;
const seeded = (seed = 1) => lightdashVendor.createState(fixture(), seededFaker(seed, 'lightdash'));

describe('TSOA body check for CreateUserAttribute', () => {
  it('accepts a complete body', () => {
    expect(tsoaCreateUserAttributeErrors({ name: 'a', attributeDefault: null, users: [], groups: [] })).toBeUndefined();
  });

  it('embeds values of wrong-typed fields in the Issues JSON and echoes the body', () => {
    const body = { name: 5, attributeDefault: null, users: [], groups: [] };
    expect(tsoaCreateUserAttributeErrors(body)).toEqual({
      body: { message: 'Could not match the intersection against every type. Issues: [{"body.name":{"message":"invalid string value","value":5}}]', value: body },
    });
  });

  it('reports a non-string, non-null attributeDefault as a failed string | null union', () => {
    const message = tsoaCreateUserAttributeErrors({ name: 'a', attributeDefault: 1, users: [], groups: [] })!.body!.message;
    expect(message).toContain('Could not match the union against any of the items. Issues: ');
    expect(message).toContain('should be one of the following; [null]');
  });

  it('treats a non-array list as its only element and names elements without the body prefix', () => {
    const message = tsoaCreateUserAttributeErrors({ name: 'a', attributeDefault: null, users: 'x', groups: [{ value: 'v' }] })!.body!.message;
    expect(message).toContain(`"groups.$0.groupUuid":{"message":"'groupUuid' is required"}`);
    expect(message).toContain('"users.$0":{"message":"invalid object","value":"x"}');
  });

  it('reports a non-object body as an invalid object for both intersection members', () => {
    expect(tsoaCreateUserAttributeErrors([])!.body!.message).toBe(
      'Could not match the intersection against every type. Issues: [{"body":{"message":"invalid object","value":[]}},{"body":{"message":"invalid object","value":[]}}]',
    );
  });
});

describe('the Lightdash world', () => {
  it('is the same for the same seed, faker-made members included', () => {
    expect(lightdashVendor.exportState(seeded(7))).toEqual(lightdashVendor.exportState(seeded(7)));
    expect(lightdashVendor.exportState(seeded(7))).not.toEqual(lightdashVendor.exportState(seeded(8)));
  });

  it('survives an export/import round trip', () => {
    const snapshot = lightdashVendor.exportState(seeded());
    expect(lightdashVendor.exportState(lightdashVendor.importState(JSON.parse(JSON.stringify(snapshot))))).toEqual(snapshot);
  });

  it.each([
    ['a non-object', 42],
    ['an unknown role', { ...fixture(), members: [{ ...fixture().members[0], role: 'owner' }] }],
    ['a duplicate attribute name', { ...fixture(), attributes: [fixture().attributes[0], { ...fixture().attributes[0], uuid: 'other' }] }],
    ['a value for a user of another organization', { ...fixture(), attributes: [{ ...fixture().attributes[2], organizationUuid: fixture().organizations[0].organizationUuid }] }],
    ['a token of an unknown user', { ...fixture(), tokens: [{ token: 't', userUuid: 'nobody' }] }],
  ])('refuses to import %s with a validation MockError', (_what, snapshot) => {
    let thrown: unknown;
    try {
      lightdashVendor.importState(snapshot);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MockError);
    expect((thrown as MockError).detail.kind).toBe('validation');
  });
});

describe('formatError', () => {
  it('redoes the TSOA check on the request body when the engine hands it over, values included', () => {
    const body = { name: 5, attributeDefault: null, users: [], groups: [] };
    const detail = { kind: 'validation' as const, diagnostics: [{ location: 'body' as const, pointer: '/name', keyword: 'type', message: 'must be string', params: { type: 'string' } }], request: { body } };
    const data = tsoaCreateUserAttributeErrors(body)!;
    expect(lightdashVendor.formatError(detail, { operationId: 'createUserAttribute' } as Operation).body).toEqual({
      status: 'error',
      error: { statusCode: 422, name: 'ValidateError', message: `body: ${data.body!.message}`, data },
    });
  });


  it('never answers a ValidateError with an empty field map, even for a body the spec refuses and TSOA accepts', () => {
    const body = { name: 'a', attributeDefault: null, users: [], groups: [] };
    const detail = { kind: 'validation' as const, diagnostics: [{ location: 'body' as const, pointer: '/users', keyword: 'type', message: 'must be array', params: { type: 'array' } }], request: { body } };
    const data = (lightdashVendor.formatError(detail, undefined).body as any).error.data;
    expect(Object.keys(data)).not.toEqual([]);
  });

  it('never answers a ValidateError with an empty field map when nothing says which field failed', () => {
    const data = (lightdashVendor.formatError({ kind: 'validation', diagnostics: [] }, undefined).body as any).error.data;
    expect(Object.keys(data)).not.toEqual([]);
  });

  it('answers a rate limit with Retry-After', () => {
    const res = lightdashVendor.formatError({ kind: 'rate_limited', retryAfterSeconds: 9 }, undefined);
    expect(res.status).toBe(429);
    expect(res.headers).toEqual({ 'Retry-After': '9' });
  });

  it('answers a too-large body with the 413 PayloadTooLargeError of lightdash#20707, which 0.3233.0 has', () => {
    const res = lightdashVendor.formatError({ kind: 'payload_too_large' }, undefined);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { statusCode: 413, name: 'PayloadTooLargeError' } });
  });

  it('hides a body-parser refusal that is no LightdashError (an unsupported encoding) behind UnexpectedServerError', () => {
    expect(lightdashVendor.formatError({ kind: 'unsupported_media_type' }, undefined).body).toMatchObject({ error: { statusCode: 500, name: 'UnexpectedServerError' } });
  });
});
