// The probe judgement shared by LEAK-1, TIME-3, ERR-1, ERR-2 and QUERY-1: after the workload,
// once the backend has recovered, the full capacity can be borrowed again at once, and while the
// probe waits no server session stays outside its hands (such a session is a leak).
//
// When the acquire timeout is not longer than a connect (the workload's connect time in model
// mode, the measured one in live mode), a pool that abandons a connect at the timeout (pg-pool
// does) can serve nobody who needs a new connection; the shortfall is then not judged, the
// sessions outside the probe's hands still are. The same when the timeout is not longer than a
// connect and two pings, for a pool that pings every connection it hands out.
//
// A connect still unanswered at the probe (a scripted hang: a host that swallows packets) holds
// its slot: the probe expects the capacity less those. A pool with no connect timeout of its own
// cannot tell a hung connect from a slow one, and opening another in its place could take it past
// BOUND-1 if the first one answers after all (spec/README.md, "Connects that never answer").
import { acquires, connectsUnanswered, isProbe, leases, marker, sessionsAt } from './timeline.ts';
import { formatMs } from './formatMs.ts';
import { quietSkipped } from './quietSkipped.ts';
import type { Checker, Violation } from './Violation.ts';

export const fullCapacityAgain =
  (rule: string, after: string): Checker =>
  ({ history, capacity, workload, tolerance }) => {
    const skipped = quietSkipped(rule, history);
    if (skipped) return [skipped];
    const probe = marker(history, 'probe');
    if (!probe) return [];
    const served = leases(history).filter((l) => isProbe(l.task) && l.from.i < probe.i);
    const out: Violation[] = [];
    const timeout = workload.config.acquireTimeoutMs;
    // A pool that pings before handing out (asyncValidation) needs the ping's latency too, twice
    // when the first connection it pings is one the server killed.
    const conclusive = timeout === null || timeout > Math.max(workload.defaultConnectMs, tolerance.connectMs) + 2 * (workload.pingMs ?? 0);
    const hung = connectsUnanswered(history, probe).length;
    const expected = capacity - hung;
    if (served.length < expected && conclusive) {
      // The probe retries only recognisable timeouts: say so when a probe borrower gave up on another error.
      const gaveUp = acquires(history).find((a) => isProbe(a.invoke.task) && a.result?.phase === 'fail' && a.result.error?.class !== 'timeout');
      const why = gaveUp?.result ? `; ${gaveUp.invoke.task} gave up at ${formatMs(gaveUp.result.at)} ms on "${gaveUp.result.error?.message}"` : '';
      out.push({
        rule,
        message: `${after}, only ${served.length} of ${capacity} connections could be borrowed again (probe at ${formatMs(probe.at)} ms${hung ? `; ${hung} connect(s) never answered and hold their slots, so ${expected} were expected` : ''})${why}`,
        events: [probe.i, ...(gaveUp?.result ? [gaveUp.result.i] : [])],
      });
    }
    // A session the pool pinged for a probe borrower is in its hands, not lost, even when the
    // ping never lets it through in time (a validation as long as the timeout).
    const quiet = marker(history, 'quiet');
    const pinged = new Set(history.filter((e) => e.kind === 'ping' && e.i > (quiet?.i ?? 0) && e.i < probe.i).map((e) => e.conn));
    const orphans = [...sessionsAt(history, probe)].filter((c) => !served.some((l) => l.conn === c) && !pinged.has(c));
    if (orphans.length > 0) {
      out.push({
        rule,
        message: `${after}, ${orphans.join(', ')} stayed open outside the probe's hands while it ${served.length === capacity ? 'held the full capacity' : `waited for ${capacity - served.length} more connection(s)`}`,
        events: [probe.i],
      });
    }
    return out.slice(0, 1);
  };
