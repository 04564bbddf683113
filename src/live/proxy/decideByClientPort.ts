// Pairs each connection the proxy accepts with the connect that opened it, by the client's local
// port: the proxy sees it as the accepted socket's remote port, the client as its own socket's
// local port once connected. Either side can come first (the proxy's 'connection' and the
// client's 'connect' are separate events), so whichever comes second completes the pair; until
// then the proxy's connection waits, unread. Exact where an accept order would only be likely.
import type { Decide, FaultModeInput, ProxiedConnectionInfo } from '../faultProxy.ts';

/** What the connect that owns a connection decides for it, once paired. */
export type OwnDecision = (accepted: ProxiedConnectionInfo) => FaultModeInput | Promise<FaultModeInput>;

export class DecideByClientPort {
  /** Claimed by a client, not yet accepted by the proxy. */
  private readonly claimed = new Map<number, OwnDecision>();
  /** Accepted by the proxy, not yet claimed by a client. */
  private readonly waiting = new Map<number, (decision: OwnDecision) => void>();

  /** The proxy's hook. A connection from no port (cannot happen on TCP) gets the proxy's mode. */
  readonly decide: Decide = (accepted, closed) => {
    const port = accepted.clientPort;
    if (port === null) return undefined;
    const decision = this.claimed.get(port);
    if (decision) {
      this.claimed.delete(port);
      return decision(accepted);
    }
    return new Promise((resolve) => {
      const take = (own: OwnDecision) => resolve(own(accepted));
      this.waiting.set(port, take);
      // Gone unclaimed (cut while deciding): a later client may get the same port.
      void closed.then(() => {
        if (this.waiting.get(port) === take) this.waiting.delete(port);
      });
    });
  };

  /** A client connected from `port`: its connection at the proxy gets `decision`. */
  claim(port: number, decision: OwnDecision): void {
    const waiter = this.waiting.get(port);
    if (!waiter) return void this.claimed.set(port, decision);
    this.waiting.delete(port);
    waiter(decision);
  }

  /** Pairs not completed (for tests: a run leaves none). */
  get unpaired(): number {
    return this.claimed.size + this.waiting.size;
  }
}
