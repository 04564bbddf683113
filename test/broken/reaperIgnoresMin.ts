// Bug: a reaper that ignores the minimum. MinPool's idle reaper closes every connection idle for
// the idle timeout, down to none. Caught by MIN-1.
import type { PooledConnection } from '../../adapters/reference/ReferencePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';
import { MinPool } from './MinPool.ts';

class ReaperIgnoresMin<C extends PooledConnection> extends MinPool<C> {
  protected override reap(): void {
    for (const conn of [...this.idle]) {
      // BUG: no check against `this.min`
      if (Date.now() - this.idleSince.get(conn)! < this.idleTimeoutMs) continue;
      this.idle.splice(this.idle.indexOf(conn), 1);
      void conn.close();
    }
  }
}

export const adapter = brokenAdapter('reaper-ignores-min', ReaperIgnoresMin, { min: true, retention: { mode: 'idle-timeout', slackMs: 0 } });
export const breaks: string[] = ['MIN-1'];
