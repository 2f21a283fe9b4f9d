import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;
interface Discriminator {
  propertyName: string;
  mapping: Record<string, string>;
}

const SCHEMAS = '#/components/schemas/';
const BASE_SUFFIX = '__base';

export interface OpenApiDocument {
  paths: Record<string, Record<string, Schema>>;
  components: { schemas: Record<string, Schema> };
}

export const specFile = (name: 'messaging-api.yml' | 'webhook.yml') =>
  new URL(`./openapi/${name}`, import.meta.url);

export function readSpec(file: URL): OpenApiDocument {
  return parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/**
 * LINE's specs model unions as OpenAPI inheritance: a base schema (`Message`, `Action`, `FlexComponent`...)
 * carries `discriminator.mapping`, and each subtype is `allOf: [base, own properties]`. Plain JSON Schema
 * would check a message only against the base. So each base becomes a dispatcher that picks the subtype
 * by the discriminator's value (`if type == "flex" then FlexMessage`), and subtypes inherit from a copy of
 * the base without the dispatch (`Message__base`), which also keeps the two from referring to each other
 * forever.
 */
export function resolveDiscriminators(schemas: Record<string, Schema>): Record<string, Schema> {
  const resolved: Record<string, Schema> = structuredClone(schemas);
  const bases = new Set<string>();
  for (const [name, schema] of Object.entries(schemas)) {
    const discriminator = schema.discriminator as Discriminator | undefined;
    if (!discriminator?.mapping) continue;
    bases.add(name);
    const { discriminator: _, ...plain } = resolved[name]!;
    resolved[`${name}${BASE_SUFFIX}`] = plain;
    resolved[name] = dispatcher(discriminator);
  }
  for (const [name, schema] of Object.entries(resolved)) {
    if (bases.has(name)) continue;
    resolved[name] = inheritFromPlainBases(schema, bases) as Schema;
  }
  return resolved;
}

function dispatcher({ propertyName, mapping }: Discriminator): Schema {
  return {
    type: 'object',
    required: [propertyName],
    properties: { [propertyName]: { type: 'string', enum: Object.keys(mapping) } },
    allOf: Object.entries(mapping).map(([value, $ref]) =>
      // JSON Schema's if/then, not a promise.
      Object.fromEntries([
        ['if', { properties: { [propertyName]: { const: value } }, required: [propertyName] }],
        ['then', { $ref }],
      ]),
    ),
  };
}

function inheritFromPlainBases(node: unknown, bases: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => inheritFromPlainBases(item, bases));
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]) => {
    if (key !== 'allOf' || !Array.isArray(value)) return [key, inheritFromPlainBases(value, bases)];
    return [key, value.map((item) => toPlainBase(item, bases))];
  });
  return Object.fromEntries(entries);
}

function toPlainBase(item: unknown, bases: Set<string>): unknown {
  const ref = (item as { $ref?: string } | null)?.$ref;
  const name = ref?.startsWith(SCHEMAS) ? ref.slice(SCHEMAS.length) : undefined;
  if (name && bases.has(name)) return { $ref: `${SCHEMAS}${name}${BASE_SUFFIX}` };
  return inheritFromPlainBases(item, bases);
}

/** Compiles validators for the component schemas of one spec, once per process (they are pure). */
export class SchemaValidators {
  #ajv: Ajv;
  #id: string;
  #cache = new Map<string, ValidateFunction>();

  constructor(id: string, schemas: Record<string, Schema>, options: { coerceTypes?: boolean } = {}) {
    // strict: false, because OpenAPI adds keywords JSON Schema lacks (example, externalDocs, discriminator).
    this.#ajv = new Ajv({ allErrors: true, strict: false, verbose: true, ...options });
    addFormats.default(this.#ajv);
    this.#id = id;
    this.#ajv.addSchema({ $id: id, components: { schemas } });
  }

  forComponent(name: string): ValidateFunction {
    return this.forSchema(`component:${name}`, { $ref: `${this.#id}${SCHEMAS}${name}` });
  }

  /** A schema written inline (query parameters), whose `$ref`s point into the spec's components. */
  forSchema(key: string, schema: Schema): ValidateFunction {
    let validate = this.#cache.get(key);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#cache.set(key, validate);
    }
    return validate;
  }
}
