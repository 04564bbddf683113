// spec/report.schema.json, compiled once: what a report.json must be, for every test that writes one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { repoRoot } from './runCli.ts';

const schema = JSON.parse(readFileSync(join(repoRoot, 'spec/report.schema.json'), 'utf8')) as object;
// Formats are checked by the schema's own patterns; ajv-formats is not needed for that.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true, formats: { 'date-time': true, uri: true } });
const validate = ajv.compile(schema);

/** What is wrong with `doc` as a report, or '' when it is valid. */
export const reportProblems = (doc: unknown): string => (validate(doc) ? '' : ajv.errorsText(validate.errors, { separator: '\n' }));
