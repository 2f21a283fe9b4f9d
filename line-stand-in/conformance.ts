import type { ErrorObject, ValidateFunction } from 'ajv';
import { withDocumentedRules } from './documented-rules.ts';
import { readSpec, resolveDiscriminators, SchemaValidators, specFile } from './openapi-schemas.ts';
import type { ErrorDetail } from './types.ts';

type Schema = Record<string, unknown>;

/** One operation of messaging-api.yml, keyed by the Fastify route that serves it. */
export interface Operation {
  operationId: string;
  method: string;
  /** Fastify's form of the spec path: `/v2/bot/profile/:userId`. */
  route: string;
  bodySchema: string | null;
  bodyRequired: boolean;
  query: Schema | null;
  headers: string[];
}

const METHODS = ['get', 'post', 'put', 'delete'];

function indexOperations(paths: Record<string, Record<string, Schema>>): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method] as Schema;
      const parameters = (op.parameters ?? []) as {
        name: string;
        in: string;
        required?: boolean;
        schema: Schema;
      }[];
      const queryParameters = parameters.filter((p) => p.in === 'query');
      const body = op.requestBody as
        | { required?: boolean; content: Record<string, { schema: Schema }> }
        | undefined;
      const jsonRef = body?.content['application/json']?.schema.$ref as string | undefined;
      const route = path.replace(/\{(\w+)\}/g, ':$1');
      operations.set(`${method.toUpperCase()} ${route}`, {
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        route,
        bodySchema: jsonRef ? jsonRef.split('/').at(-1)! : null,
        bodyRequired: Boolean(body?.required && jsonRef),
        query: queryParameters.length
          ? {
              type: 'object',
              properties: Object.fromEntries(queryParameters.map((p) => [p.name, p.schema])),
              required: queryParameters.filter((p) => p.required).map((p) => p.name),
            }
          : null,
        headers: parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
      });
    }
  }
  return operations;
}

/** Checks requests against LINE's own spec; built once per process, since the spec never changes at run time. */
export class MessagingApiContract {
  readonly operations: Map<string, Operation>;
  #bodies: SchemaValidators;
  #queries: SchemaValidators;

  constructor() {
    const spec = readSpec(specFile('messaging-api.yml'));
    const schemas = resolveDiscriminators(withDocumentedRules(spec.components.schemas));
    this.operations = indexOperations(spec.paths);
    this.#bodies = new SchemaValidators('messaging-api', schemas);
    // Query strings carry only text: `limit=5` must count as the integer 5.
    this.#queries = new SchemaValidators('messaging-api-query', schemas, { coerceTypes: true });
  }

  operation(method: string, route: string): Operation | undefined {
    return this.operations.get(`${method} ${route}`);
  }

  /** LINE's `details` for what is wrong with the body; empty when it conforms. */
  checkBody(operation: Operation, body: unknown): ErrorDetail[] {
    if (!operation.bodySchema) return [];
    if (body === undefined) {
      return operation.bodyRequired ? [{ message: 'must be specified', property: '' }] : [];
    }
    return detailsOf(this.#bodies.forComponent(operation.bodySchema), body);
  }

  checkQuery(operation: Operation, query: Record<string, unknown>): ErrorDetail[] {
    if (!operation.query) return [];
    const copy = { ...query };
    return detailsOf(this.#queries.forSchema(`query:${operation.operationId}`, operation.query), copy);
  }

  /** Any component schema, e.g. `Message` or `RichMenuRequest`, for callers that check pieces. */
  check(schemaName: string, value: unknown): ErrorDetail[] {
    return detailsOf(this.#bodies.forComponent(schemaName), value);
  }
}

let shared: MessagingApiContract | undefined;
/** Compiling LINE's whole spec takes a moment: every stand-in in a process shares one contract. */
export const messagingApiContract = () => {
  shared ??= new MessagingApiContract();
  return shared;
};

export function detailsOf(validate: ValidateFunction, value: unknown): ErrorDetail[] {
  if (validate(value)) return [];
  const details = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(toDetail);
  const unique = new Map(details.map((d) => [`${d.property}\n${d.message}`, d]));
  return [...unique.values()];
}

/** `/messages/0/text` becomes `messages[0].text`, the way LINE names a property in its errors. */
export function toProperty(instancePath: string, child?: string): string {
  const segments = instancePath.split('/').slice(1);
  if (child !== undefined) segments.push(child);
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s), '');
}

function toDetail(error: ErrorObject): ErrorDetail {
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  const property = toProperty(error.instancePath, params.missingProperty as string | undefined);
  return { message: wording(error.keyword, parent, params) ?? error.message ?? 'invalid', property };
}

/** LINE's phrasing where it is known ("Size must be between 1 and 5"), plain words elsewhere. */
function wording(keyword: string, parent: Record<string, unknown>, params: Record<string, unknown>) {
  switch (keyword) {
    case 'required':
      return 'must be specified';
    case 'minItems':
    case 'maxItems':
      return `Size must be between ${parent.minItems ?? 0} and ${parent.maxItems ?? 'unlimited'}`;
    case 'minLength':
    case 'maxLength':
      return `Length must be between ${parent.minLength ?? 0} and ${parent.maxLength ?? 'unlimited'}`;
    case 'minimum':
    case 'maximum':
      return `Must be between ${parent.minimum ?? '-infinity'} and ${parent.maximum ?? 'infinity'}`;
    case 'enum':
      return `Must be one of the following values: [${(params.allowedValues as unknown[]).join(', ')}]`;
    case 'multipleOf':
      return `Must be a multiple of ${params.multipleOf}`;
    case 'type':
      return `Must be ${params.type}`;
    case 'pattern':
    case 'format':
      return 'Invalid format';
    default:
      return undefined;
  }
}
