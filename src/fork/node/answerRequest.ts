// One request of the protocol (spec/process-protocol.md, The ops), answered by the host: each op
// is the hosted adapter's own call on the pools it built, whatever the pool raised is an error
// reply it classified, and a request the host cannot carry out at all is `poolcheck.protocol`.
// Never rejects: every request gets its one reply.
import type { PoolConfig } from '../../adapter/Adapter.ts';
import { describeValue } from '../../errors.ts';
import type { ErrorReply } from '../../process/protocol.ts';
import { classOf, errorReply } from './errorReply.ts';
import { greetingOf } from './greetingOf.ts';
import type { HostedPools, PoolDatabase } from './HostedPools.ts';
import { notOfProtocol } from './HostRefusal.ts';
import { startChildHost } from './startChildHost.ts';

/** What serves requests: the adapter's spec (a child loads it again) and the pools built so far. */
export interface Host {
  readonly spec: string;
  readonly pools: HostedPools;
}

/** A request as read off a line: its id, and its op and fields, not yet checked. */
export interface Request {
  readonly id: number;
  readonly op?: unknown;
  readonly [field: string]: unknown;
}

export type Reply = { readonly id: number; readonly ok: object } | { readonly id: number; readonly error: ErrorReply };

const done = (work: Promise<void>): Promise<object> => work.then(() => ({}));

const OPS: Readonly<Record<string, (host: Host, request: Request) => object | Promise<object>>> = {
  hello: ({ pools }) => greetingOf(pools.adapter),
  create: ({ pools }, r) => ({ pool: pools.create(config(r), database(r)) }),
  acquire: ({ pools }, r) => pools.acquire(text(r, 'pool'), timeoutMs(r)),
  use: ({ pools }, r) => done(pools.use(text(r, 'lease'), text(r, 'sql'))),
  release: ({ pools }, r) => done(pools.release(text(r, 'pool'), text(r, 'lease'))),
  destroy: ({ pools }, r) => done(pools.destroy(text(r, 'pool'), text(r, 'lease'))),
  // null is the helper called without a statement: JavaScript's nothing is undefined.
  query: ({ pools }, r) => done(pools.query(text(r, 'pool'), r.sql === null ? undefined : text(r, 'sql'))),
  close: ({ pools }, r) => done(pools.close(text(r, 'pool'))),
  session: async ({ pools }, r) => ({ session: await pools.session(text(r, 'lease')) }),
  fork: async ({ spec, pools }, r) => ({ pid: await startChildHost(spec, { child: text(r, 'child'), address: text(r, 'address'), pools: pools.plans() }) }),
};

/** `host` rejects when the adapter could not be loaded: every request is then answered with why. */
export async function answerRequest(host: Promise<Host>, request: Request): Promise<Reply> {
  let hosted: Host | undefined;
  try {
    hosted = await host;
    const op = typeof request.op === 'string' && Object.hasOwn(OPS, request.op) ? OPS[request.op] : undefined;
    if (op === undefined) throw notOfProtocol(`unknown op ${describeValue(request.op)}`);
    return { id: request.id, ok: await op(hosted, request) };
  } catch (error) {
    // A failed `session` read is `other` whatever it was (the page): the evidence is the server's answer.
    const errorClass = hosted === undefined || request.op === 'session' ? 'other' : classOf(hosted.pools.adapter, error);
    return { id: request.id, error: errorReply(error, errorClass) };
  }
}

function text(request: Request, field: string): string {
  const value = request[field];
  if (typeof value !== 'string' || value === '') throw notOfProtocol(`\`${String(request.op)}\` needs \`${field}\`, a non-empty string; got ${describeValue(value)}`);
  return value;
}

function timeoutMs(request: Request): number | undefined {
  const value = request.timeoutMs;
  if (value === undefined || (typeof value === 'number' && value >= 0)) return value;
  throw notOfProtocol(`\`timeoutMs\` must be a number of milliseconds; got ${describeValue(value)}`);
}

function config(request: Request): PoolConfig {
  const value = request.config;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notOfProtocol(`\`create\` needs \`config\`, an object; got ${describeValue(value)}`);
  return value as PoolConfig;
}

function database(request: Request): PoolDatabase {
  const value = request.database as Partial<PoolDatabase> | null | undefined;
  if (value?.kind !== 'postgres' || typeof value.url !== 'string') {
    throw notOfProtocol(`\`create\` needs \`database\` {"kind": "postgres", "url": string}: the Node host runs on PostgreSQL only`);
  }
  return value as PoolDatabase;
}
