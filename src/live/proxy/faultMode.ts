// What the proxy does with a NEW connection. Loose inputs ('stall', { kind: 'refuse' }) are
// resolved once into complete modes; the proxy only ever sees a resolved FaultMode.
import { PoolcheckError, describeValue } from '../../errors.ts';

/**
 * How a refusal looks to the client:
 * - `reset`: the proxy accepts, then sends RST at once. The client's connect succeeds at TCP
 *   level and its first read or write fails with ECONNRESET (EPIPE when a write comes first).
 * - `fin`: the proxy accepts, then closes gracefully. The client reads end-of-stream before
 *   any reply (pg: "Connection terminated unexpectedly").
 * - `listener`: a true refusal. The proxy stops listening, so connect() fails with
 *   ECONNREFUSED; the port is listened on again when the mode ends. The kernel refuses these,
 *   so they are not counted in `refused`.
 */
export type RefuseVia = 'reset' | 'fin' | 'listener';

/**
 * What becomes of a stalled connection when the stall ends (a switch to any other mode, the end
 * of its window, or close()): `connect` forwards it late, whatever the new mode, like a network
 * that comes back (the handshake completes, possibly after the client gave up: then the server
 * sees a startup packet and end-of-stream, and the session ends at once); `drop` resets it
 * (ECONNRESET on the client's next read). close() always resets. A stall replaced by another
 * stall keeps its connections stalled, and the last stall's `release` decides.
 *
 * A stalled connection is not read from, so a client that gives up is only noticed on release.
 */
export type StallRelease = 'connect' | 'drop';

export type FaultMode =
  | { readonly kind: 'pass' }
  | { readonly kind: 'refuse'; readonly via: RefuseVia }
  | { readonly kind: 'stall'; readonly release: StallRelease }
  /** Forwarded normally, then cut (RST both ways) `ms` after it was accepted. */
  | { readonly kind: 'fail-after'; readonly ms: number };

export type FaultKind = FaultMode['kind'];

export type FaultModeInput =
  | 'pass'
  | 'refuse'
  | 'stall'
  | { kind: 'pass' }
  | { kind: 'refuse'; via?: RefuseVia }
  | { kind: 'stall'; release?: StallRelease }
  | { kind: 'fail-after'; ms: number };

const VIAS: readonly string[] = ['reset', 'fin', 'listener'] satisfies RefuseVia[];
const RELEASES: readonly string[] = ['connect', 'drop'] satisfies StallRelease[];

function usage(message: string): PoolcheckError {
  return new PoolcheckError('POOLCHECK_USAGE', message);
}

export function resolveFaultMode(input: FaultModeInput): FaultMode {
  const loose: unknown = typeof input === 'string' ? { kind: input } : input;
  if (typeof loose !== 'object' || loose === null) {
    throw usage(`Expected a fault mode ('pass', 'refuse', 'stall' or { kind: ... }), got ${describeValue(input)}`);
  }
  const o = loose as Record<string, unknown>;
  switch (o.kind) {
    case 'pass':
      return { kind: 'pass' };
    case 'refuse': {
      const via = o.via ?? 'reset';
      if (typeof via !== 'string' || !VIAS.includes(via)) throw usage(`Expected \`via\` of a refuse mode to be one of ${VIAS.join(', ')}, got ${describeValue(via)}`);
      return { kind: 'refuse', via: via as RefuseVia };
    }
    case 'stall': {
      const release = o.release ?? 'connect';
      if (typeof release !== 'string' || !RELEASES.includes(release)) throw usage(`Expected \`release\` of a stall mode to be one of ${RELEASES.join(', ')}, got ${describeValue(release)}`);
      return { kind: 'stall', release: release as StallRelease };
    }
    case 'fail-after':
      return { kind: 'fail-after', ms: resolveMillis('`ms` of a fail-after mode', o.ms) };
    default:
      throw usage(`Expected a fault mode kind of pass, refuse, stall or fail-after, got ${describeValue(o.kind)}`);
  }
}

export function resolveMillis(what: string, ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw usage(`Expected ${what} to be a finite number of milliseconds >= 0, got ${describeValue(ms)}`);
  return ms;
}
