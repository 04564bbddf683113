// spec/process-protocol.schema.json, compiled once: what each message of the protocol must be.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

const schema = JSON.parse(readFileSync(new URL('../../spec/process-protocol.schema.json', import.meta.url), 'utf8')) as { $id: string };
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
ajv.addSchema(schema);

/** What is wrong with `value` as the schema's definition `name` (`request`, `acquireOk`, `manifest`), or '' when it is valid. */
export function schemaProblems(name: string, value: unknown): string {
  const validate = ajv.getSchema(`${schema.$id}#/$defs/${name}`);
  if (validate === undefined) throw new Error(`spec/process-protocol.schema.json has no definition \`${name}\``);
  return validate(value) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}
