import { describe, expect, it } from 'vitest';
import { RealClock } from '../../src/live/RealClock.ts';

describe('RealClock', () => {
  it('fires events in workload time, scaled to real time', async () => {
    const clock = new RealClock(2);
    const seen: Array<[string, number]> = [];
    clock.at(10, () => seen.push(['b', clock.now]));
    clock.at(5, () => seen.push(['a', clock.now]));
    await clock.run(1_000, () => seen.length === 2);
    expect(seen.map(([name]) => name)).toEqual(['a', 'b']);
    // Never early; late by at most a generous scheduling allowance on a loaded machine.
    expect(seen[0]![1]).toBeGreaterThanOrEqual(5);
    expect(seen[1]![1]).toBeGreaterThanOrEqual(10);
    expect(seen[1]![1]).toBeLessThan(10 + 250);
  });

  it('stops at `until` when `done` never holds', async () => {
    const clock = new RealClock(1);
    await expect(clock.run(20)).resolves.toBe('until');
    expect(clock.now).toBeGreaterThanOrEqual(20);
  });

  it('keeps what an event throws instead of crashing, and cancels pending events on dispose', async () => {
    const clock = new RealClock(1);
    let late = false;
    clock.at(1, () => {
      throw new Error('pool bug');
    });
    clock.at(10_000, () => (late = true));
    await clock.run(1_000, () => clock.uncaught.length > 0);
    clock.dispose();
    expect(clock.uncaught).toHaveLength(1);
    expect(late).toBe(false);
  });
});
