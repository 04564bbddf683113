// Who is queued, for acquire timeouts that cover only the queue (`acquireTimeout.covers:
// 'queue-only'`): such a pool lets a connect it started for a caller run to its own end, so the
// caller's timeout counts only the time it spent queued. Which connect a pool started for whom is
// the pool's secret; the history (ground truth) says enough to decide it generously:
//
//   A waiting caller counts as queued at an instant unless a connect under way then may be
//   serving it: one the server began after the caller's acquire was invoked (the pool may have
//   started it for this caller), or any, while no more callers that arrived no later than it are
//   waiting than connects are under way (connects serve the callers that waited longest first).
//
// Generous on purpose: a caller is never counted queued while a connect may be its own, so a
// correct pool is never blamed; a pool that keeps a caller waiting past its deadline while
// nothing is being opened for it still is.
import type { HistoryEvent } from '../history/History.ts';

export class QueuedCallers {
  /** Waiting acquire ops and the index of their invoke event, in arrival order. */
  private readonly waiting = new Map<number, number>();
  /** Connects under way (by connection id) and the index of their invoke event. */
  private readonly connects = new Map<string, number>();

  /** Takes the history's next event into account; feed every event, in order. */
  see(e: HistoryEvent): void {
    if (e.kind === 'acquire') {
      if (e.phase === 'invoke') this.waiting.set(e.op, e.i);
      else this.waiting.delete(e.op);
    }
    if (e.kind === 'connect' && e.conn !== undefined) {
      if (e.phase === 'invoke') this.connects.set(e.conn, e.i);
      else this.connects.delete(e.conn);
    }
  }

  /** Acquire ops that count as queued after the events seen so far. */
  queued(): number[] {
    const out: number[] = [];
    const latestConnect = Math.max(-1, ...this.connects.values());
    let ahead = 0;
    for (const [op, invokedAt] of this.waiting) {
      ahead++;
      const ownConnect = latestConnect > invokedAt;
      const servedByOldest = this.connects.size >= ahead;
      if (!ownConnect && !servedByOldest) out.push(op);
    }
    return out;
  }
}
