import { describe, expect, it } from 'vitest';
import { RunawayError, VirtualClock } from '../src/model/VirtualClock.ts';

describe('VirtualClock', () => {
  it('fires timers in time order and advances Date.now only between them', async () => {
    const clock = new VirtualClock();
    const restore = clock.install();
    const seen: string[] = [];
    try {
      setTimeout(() => seen.push(`b@${Date.now()}`), 20);
      setTimeout(() => seen.push(`a@${Date.now()}`), 10);
      await clock.run(100);
    } finally {
      restore();
    }
    expect(seen).toEqual(['a@10', 'b@20']);
  });

  it('lets promise callbacks run before time advances', async () => {
    const clock = new VirtualClock();
    const restore = clock.install();
    const seen: string[] = [];
    try {
      setTimeout(() => {
        void Promise.resolve().then(() => Promise.resolve()).then(() => seen.push(`chain@${Date.now()}`));
        process.nextTick(() => seen.push(`tick@${Date.now()}`));
      }, 5);
      setTimeout(() => seen.push(`later@${Date.now()}`), 6);
      await clock.run(100);
    } finally {
      restore();
    }
    expect(seen).toEqual(['tick@5', 'chain@5', 'later@6']);
  });

  it('orders timers due at the same instant by the tie choices, Node order by default', async () => {
    const order = async (pick: (n: number) => number) => {
      const clock = new VirtualClock(pick);
      const restore = clock.install();
      const seen: string[] = [];
      try {
        // Three timers with different delays, all due at 10 ms.
        setTimeout(() => seen.push('a'), 10);
        setTimeout(() => setTimeout(() => seen.push('b'), 5), 5);
        setTimeout(() => setTimeout(() => seen.push('c'), 2), 8);
        await clock.run(100);
      } finally {
        restore();
      }
      return seen;
    };
    expect(await order(() => 0)).toEqual(['a', 'b', 'c']);
    expect(await order((n) => n - 1)).toEqual(['c', 'b', 'a']);
  });

  it('never reorders timers of one delay created at the same instant, as Node never does', async () => {
    const clock = new VirtualClock((n) => n - 1);
    const restore = clock.install();
    const seen: number[] = [];
    try {
      for (const n of [1, 2, 3]) setTimeout(() => seen.push(n), 10);
      await clock.run(100);
    } finally {
      restore();
    }
    expect(seen).toEqual([1, 2, 3]);
  });

  it("patches require('timers') as well as the globals", async () => {
    const { createRequire } = await import('node:module');
    const timers = createRequire(import.meta.url)('node:timers') as typeof import('node:timers');
    const realSetTimeout = timers.setTimeout;
    const clock = new VirtualClock();
    const restore = clock.install();
    let fired = -1;
    try {
      timers.setTimeout(() => (fired = Date.now()), 7);
      await clock.run(100);
    } finally {
      restore();
    }
    expect(fired).toBe(7);
    expect(timers.setTimeout).toBe(realSetTimeout);
  });

  it('treats delays below 1 ms as 1 ms and setImmediate as due now, like Node', async () => {
    const clock = new VirtualClock();
    const restore = clock.install();
    const seen: string[] = [];
    try {
      setTimeout(() => seen.push(`timeout@${Date.now()}`), 0);
      setImmediate(() => seen.push(`immediate@${Date.now()}`));
      await clock.run(100);
    } finally {
      restore();
    }
    expect(seen).toEqual(['immediate@0', 'timeout@1']);
  });

  it('repeats intervals until cleared, and clearTimeout takes the handle or its number', async () => {
    const clock = new VirtualClock();
    const restore = clock.install();
    let ticks = 0;
    try {
      const h = setInterval(() => {
        if (++ticks === 3) clearInterval(h);
      }, 10);
      const t = setTimeout(() => (ticks += 100), 5);
      clearTimeout(Number(t));
      await clock.run(1000);
    } finally {
      restore();
    }
    expect(ticks).toBe(3);
    expect(clock.now).toBe(30);
  });

  it('makes new Date() and Date() read virtual time, and leaves every other use of Date alone', async () => {
    const RealDate = Date;
    const clock = new VirtualClock();
    const restore = clock.install();
    const seen: Record<string, unknown> = {};
    try {
      setTimeout(() => {
        const now = new Date();
        class Stamp extends Date {}
        const stamp = new Stamp();
        Object.assign(seen, {
          now: now.getTime(),
          called: Date(),
          instance: now instanceof Date && now instanceof RealDate && now.constructor === RealDate,
          given: new Date(1_234).getTime(),
          parts: new Date(2020, 0, 2).getFullYear(),
          utc: Date.UTC(2020, 0, 1),
          parse: Date.parse('2020-01-01T00:00:00Z'),
          dateNow: Date.now(),
          sub: [stamp.getTime(), stamp instanceof Stamp, stamp instanceof RealDate],
        });
      }, 42);
      await clock.run(100);
    } finally {
      restore();
    }
    expect(seen).toEqual({
      now: 42,
      called: new RealDate(42).toString(),
      instance: true,
      given: 1_234,
      parts: 2020,
      utc: 1_577_836_800_000,
      parse: 1_577_836_800_000,
      dateNow: 42,
      sub: [42, true, true],
    });
    expect(Date).toBe(RealDate);
    expect(Math.abs(new Date().getTime() - RealDate.now())).toBeLessThan(1_000);
  });

  it('puts the real timers back', () => {
    const real = globalThis.setTimeout;
    const restore = new VirtualClock().install();
    expect(globalThis.setTimeout).not.toBe(real);
    restore();
    expect(globalThis.setTimeout).toBe(real);
  });

  it('stops a pool that reschedules forever with a RunawayError', async () => {
    const clock = new VirtualClock(() => 0, 50);
    const restore = clock.install();
    try {
      setInterval(() => {}, 1);
      await expect(clock.run(10_000)).rejects.toBeInstanceOf(RunawayError);
    } finally {
      restore();
    }
  });
});
