import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

/**
 * How every request is checked against its schema (ADR 0019). Fastify's defaults coerce types (`"1000"`,
 * `[1000]`, `true` became 1000 or 1) and drop unknown fields without a word; a till or a script that sends the
 * wrong thing must hear so instead. `useDefaults` stays: a default only fills an optional field that is absent
 * (`redeemPoints` of a purchase), never a field the request must carry, and `null` is never replaced.
 */
export const strictAjvOptions = {
  coerceTypes: false,
  removeAdditional: false,
  allErrors: true,
  useDefaults: true,
} as const;

const ajv = new Ajv({ ...strictAjvOptions, addUsedSchema: false });
addFormats.default(ajv);

type Schema = Record<string, unknown>;

/**
 * The schema with every object closed that does not say otherwise, so that a route whose schema forgot
 * `additionalProperties: false` is strict all the same. The parts of an `allOf` stay open: each sees only its
 * own fields.
 */
function closed(schema: unknown, inAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((part) => closed(part, inAllOf));
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'patternProperties') {
      copy[key] = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, closed(v)]));
    } else if (key === 'allOf') copy[key] = closed(value, true);
    else if (key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'not')
      copy[key] = closed(value);
    else copy[key] = value;
  }
  if (copy.type === 'object' && copy.additionalProperties === undefined && !inAllOf) {
    copy.additionalProperties = false;
  }
  return copy;
}

const compiled = new WeakMap<object, ValidateFunction>();
function validatorOf(schema: object): ValidateFunction {
  const known = compiled.get(schema);
  if (known) return known;
  const validate = ajv.compile(closed(schema) as Schema);
  compiled.set(schema, validate);
  return validate;
}

const DECIMAL = /^-?(0|[1-9][0-9]*)$/;
const typesOf = (schema: Schema | undefined): unknown[] =>
  schema === undefined
    ? []
    : [schema.type, ...((schema.anyOf as Schema[] | undefined) ?? []).flatMap((part) => typesOf(part))];

/**
 * A URL's params and query are text, so a number or a boolean there is read from its plain spelling only: `12`,
 * `-3`, `true`, `false`. Anything else (`12.0`, ` 12`, `1e3`, `0x10`, `+12`, a repeated key) stays text and
 * fails the schema's type, as a body's `"12"` does.
 */
function readFromText(schema: Schema, data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const read: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    const types = typesOf(properties[name]);
    if (typeof value !== 'string') read[name] = value;
    else if ((types.includes('integer') || types.includes('number')) && DECIMAL.test(value)) {
      const number = Number(value);
      read[name] = Number.isSafeInteger(number) ? number : value;
    } else if (types.includes('boolean') && (value === 'true' || value === 'false')) {
      read[name] = value === 'true';
    } else read[name] = value;
  }
  return read;
}

/** Fastify's validator compiler for every route: strict bodies, plain-decimal params and queries. */
export const strictValidatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const validate = validatorOf(schema as object);
  if (httpPart === 'body') return validate;
  const check = (data: unknown) => {
    const value = readFromText(schema as Schema, data);
    if (validate(value)) return { value };
    check.errors = validate.errors;
    return false;
  };
  check.errors = null as ErrorObject[] | null | undefined;
  return check;
};
