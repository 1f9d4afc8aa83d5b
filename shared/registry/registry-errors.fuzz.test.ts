import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../contract/error-codes';
import { classifyRegistryError, errorText, type ClassifyContext } from './registry-errors';

/**
 * Registry and engine error bodies are outside input (a proxy's HTML page, a truncated JSON body, a
 * stream line): whatever arrives becomes one classified error with a message and a hint.
 */

const CODES = new Set<string>(Object.values(ErrorCode));
const REGISTRY_CODES = ['UNAUTHORIZED', 'DENIED', 'NAME_UNKNOWN', 'MANIFEST_UNKNOWN', 'MANIFEST_INVALID', 'BLOB_UNKNOWN', 'DIGEST_INVALID', 'TOOMANYREQUESTS', 'UNSUPPORTED', 'x509'];

const jsonValue = fc.jsonValue({ maxDepth: 4 });
const registryBody = fc.record(
  {
    errors: fc.oneof(
      fc.array(fc.record({ code: fc.oneof(fc.constantFrom(...REGISTRY_CODES), jsonValue), message: fc.oneof(fc.string(), jsonValue), detail: jsonValue }, { requiredKeys: [] }), { maxLength: 4 }),
      fc.array(jsonValue, { maxLength: 4 }),
      jsonValue,
    ),
  },
  { requiredKeys: [] },
);
const streamLine = fc.record(
  { errorDetail: fc.oneof(fc.record({ message: fc.oneof(fc.string(), jsonValue) }, { requiredKeys: [] }), jsonValue), error: jsonValue, code: jsonValue, message: jsonValue, statusCode: fc.oneof(fc.integer(), jsonValue), json: fc.oneof(jsonValue, fc.string()) },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  jsonValue,
  registryBody,
  streamLine,
  fc.oneof(jsonValue, registryBody, streamLine).map((v) => JSON.stringify(v)),
  // Truncated JSON bodies, as a dropped connection leaves them.
  fc.tuple(registryBody, fc.nat()).map(([v, n]) => { const s = JSON.stringify(v); return s.slice(0, n % (s.length + 1)); }),
  fc.constantFrom('<html><body><h1>502 Bad Gateway</h1></body></html>', 'connect ECONNREFUSED 127.0.0.1:5000', '', '   ', '{', '{"errors":null}', '{"errors":[null]}', '{"json":{"json":{}}}'),
  fc.anything({ maxDepth: 3 }),
);
const context: fc.Arbitrary<ClassifyContext> = fc.record(
  { registry: fc.string({ maxLength: 40 }), project: fc.string({ maxLength: 20 }), repository: fc.string({ maxLength: 40 }), operation: fc.constantFrom('push', 'pull', 'login', 'build', 'run') },
  { requiredKeys: [] },
);

describe('registry error classification under fuzzing', () => {
  it('turns any body into a classified error with a message and a hint', () => {
    fc.assert(
      fc.property(body, context, (input, ctx) => {
        expect(typeof errorText(input)).toBe('string');
        const c = classifyRegistryError(input, ctx);
        expect(CODES.has(c.code)).toBe(true);
        expect(c.message.trim().length).toBeGreaterThan(0);
        expect(c.hint.trim().length).toBeGreaterThan(0);
        expect(typeof c.retryable).toBe('boolean');
        // The quoted detail is bounded, so a megabyte error page never floods the UI.
        expect(c.message.length).toBeLessThan(700);
      }),
      { numRuns: 3000 },
    );
  });

  it('classifies the registry codes it knows wherever they sit in the body', () => {
    fc.assert(
      fc.property(fc.constantFrom('UNAUTHORIZED', 'DENIED', 'NAME_UNKNOWN', 'TOOMANYREQUESTS'), fc.string({ maxLength: 40 }), (code, message) => {
        const c = classifyRegistryError({ errors: [{ code, message: message.replace(/[^a-z ]/g, ''), detail: null }] });
        expect(c.source).toBeDefined();
        expect(c.code).not.toBe(ErrorCode.RegistryError);
      }),
      { numRuns: 500 },
    );
  });

  it('regression: an errors array holding null or bare strings is classified, not a TypeError', () => {
    expect(classifyRegistryError('{"errors":[null]}')).toMatchObject({ code: ErrorCode.RegistryError });
    expect(classifyRegistryError({ errors: ['unauthorized', 7, null] })).toMatchObject({ code: ErrorCode.RegistryUnauthorized });
  });
});
