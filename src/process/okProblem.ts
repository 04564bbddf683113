// Whether a reply's `ok` value has the shape of the op it answers: null when it does, else the
// shape expected, for the message. The greeting (`hello`) is left to validateGreeting, which
// checks it with the adapter contract's own validation.
import type { Op } from './protocol.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHandle = (v: unknown): boolean => typeof v === 'string' && v !== '';

const SHAPES: Partial<Record<Op, { readonly shape: string; readonly fits: (ok: Record<string, unknown>) => boolean }>> = {
  create: { shape: '{"pool": handle}', fits: (ok) => isHandle(ok.pool) },
  acquire: {
    shape: '{"lease": handle, "session": {"pid": integer, "start": "YYYY-MM-DDTHH:MM:SS.ffffffZ" | null}}',
    fits: (ok) => isHandle(ok.lease) && isSession(ok.session),
  },
  session: { shape: '{"session": {"pid": integer, "start": "YYYY-MM-DDTHH:MM:SS.ffffffZ" | null}}', fits: (ok) => isSession(ok.session) },
  fork: { shape: '{"pid": integer}', fits: (ok) => Number.isSafeInteger(ok.pid) && (ok.pid as number) > 0 },
};

/** PostgreSQL's backend_start as the page's query prints it: UTC, to the microsecond. */
const START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function isSession(v: unknown): boolean {
  if (!isObject(v)) return false;
  return Number.isSafeInteger(v.pid) && (v.pid as number) > 0 && (v.start === null || (typeof v.start === 'string' && START.test(v.start)));
}

/** null when `ok` fits `op`'s reply, else the shape it should have had. */
export function okProblem(op: Op, ok: unknown): string | null {
  if (op === 'hello') return null;
  const shape = SHAPES[op];
  if (shape === undefined) return isObject(ok) ? null : 'an object ({} when there is nothing to say)';
  return isObject(ok) && shape.fits(ok) ? null : shape.shape;
}
