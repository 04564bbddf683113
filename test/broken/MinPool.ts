// A control, not a broken pool: the reference pool plus a minimum and idle reaping, for MIN-1
// (the reference pool keeps no minimum). It opens `min` connections at once, keeps what borrowers
// give back, and closes a connection once it has been idle for `idleTimeoutMs`, but never below
// `min`. It declares `min` and idle-timeout retention, and passes every rule.
import type { PooledConnection, ReferencePoolOptions } from '../../adapters/reference/ReferencePool.ts';
import type { PoolConfig } from '../../src/adapter/Adapter.ts';
import { BasePool } from './BasePool.ts';
import { brokenAdapter } from './brokenAdapter.ts';

export class MinPool<C extends PooledConnection> extends BasePool<C> {
  /** When each idle connection went idle (virtual ms). */
  protected readonly idleSince = new Map<C, number>();
  protected readonly min: number;
  protected readonly idleTimeoutMs: number;

  constructor(options: ReferencePoolOptions<C>, config: PoolConfig) {
    super(options);
    this.min = config.min;
    this.idleTimeoutMs = config.idleTimeoutMs ?? 0;
    for (let i = 0; i < this.min; i++) this.open();
  }

  protected override checkIn(conn: C): void {
    if (this.closed) {
      void conn.close();
    } else {
      this.idle.push(conn);
      this.idleSince.set(conn, this.now());
      setTimeout(() => this.reap(), this.idleTimeoutMs);
    }
    this.dispatch();
  }

  /** The time idle connections are measured by (NewDatePool reads it another way). */
  protected now(): number {
    return Date.now();
  }

  /**
   * Closes connections idle for the idle timeout, oldest first, as long as more than `min` are
   * open. Connections still opening do not count: one may yet fail, and until it is open the
   * server has one session fewer than the pool would think (MIN-1 caught that in this control).
   */
  protected reap(): void {
    for (const conn of [...this.idle]) {
      if (this.idle.length + this.leased.size <= this.min) return;
      if (this.now() - this.idleSince.get(conn)! < this.idleTimeoutMs) continue;
      this.idle.splice(this.idle.indexOf(conn), 1);
      void conn.close();
    }
  }
}

export const adapter = brokenAdapter('min-pool', MinPool, { min: true, retention: { mode: 'idle-timeout', slackMs: 0 } });
export const breaks: string[] = [];
