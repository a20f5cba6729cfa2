import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// Bodies are validated strictly: wrong types and unknown fields are errors, never coerced or
// silently dropped. Query strings and path params are text by nature, so they are coerced.
const common = { allErrors: true, strict: false, removeAdditional: false, useDefaults: true } as const;
const bodyAjv = new Ajv({ ...common, coerceTypes: false });
const textAjv = new Ajv({ ...common, coerceTypes: 'array' });
addFormats(bodyAjv);
addFormats(textAjv);

export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<any>>;
};
