// A fresh run id: time first so ids sort by start, then randomness so two runs started in the
// same millisecond (sharded CI jobs on one server) never share a tag.
import { randomBytes } from 'node:crypto';

export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}
