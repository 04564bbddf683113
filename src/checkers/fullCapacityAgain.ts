// The probe judgement shared by LEAK-1, TIME-3, ERR-1 and QUERY-1: after the workload, once the
// backend has recovered, the full capacity can be borrowed again at once, and while it is, no
// other server session is open (a session outside the pool's reach is a leak).
import { acquires, isProbe, leases, marker, sessionsAfter } from './timeline.ts';
import type { Checker, Violation } from './Violation.ts';

export const fullCapacityAgain =
  (rule: string, after: string): Checker =>
  ({ history, capacity }) => {
    const probe = marker(history, 'probe');
    if (!probe) return [];
    const served = leases(history).filter((l) => isProbe(l.task) && l.from.i < probe.i);
    const out: Violation[] = [];
    if (served.length < capacity) {
      // The probe retries only recognisable timeouts: say so when a probe borrower gave up on another error.
      const gaveUp = acquires(history).find((a) => isProbe(a.invoke.task) && a.result?.phase === 'fail' && a.result.error?.class !== 'timeout');
      const why = gaveUp?.result ? `; ${gaveUp.invoke.task} gave up at ${gaveUp.result.at} ms on "${gaveUp.result.error?.message}"` : '';
      out.push({
        rule,
        message: `${after}, only ${served.length} of ${capacity} connections could be borrowed again (probe at ${probe.at} ms)${why}`,
        events: [probe.i, ...(gaveUp?.result ? [gaveUp.result.i] : [])],
      });
    }
    const orphans = [...sessionsAfter(history, probe.i)].filter((c) => !served.some((l) => l.conn === c));
    if (orphans.length > 0 && served.length === capacity) {
      out.push({
        rule,
        message: `${after}, with the full capacity borrowed, ${orphans.join(', ')} stayed open outside the pool's reach`,
        events: [probe.i],
      });
    }
    return out.slice(0, 1);
  };
