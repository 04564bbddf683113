// The live vitest entry has a file's databases once: describePools with the same `db` share one
// LiveDatabases, and only the last of them to finish stops it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileDatabases } from '../suites/fileDatabases.ts';
import { LiveDatabases } from '../src/live/LiveDatabases.ts';

afterEach(() => vi.restoreAllMocks());

describe('fileDatabases', () => {
  it('shares one set of databases among the describePools of a file, and stops it after the last', async () => {
    const stop = vi.spyOn(LiveDatabases.prototype, 'stop').mockResolvedValue(undefined);
    const a = fileDatabases({ postgres: 'embedded' });
    const b = fileDatabases({ postgres: 'embedded' });
    expect(b.databases).toBe(a.databases);
    await a.release();
    await a.release(); // a second release of one user counts once
    expect(stop).not.toHaveBeenCalled();
    await b.release();
    expect(stop).toHaveBeenCalledTimes(1);
    // A describePool collected after that has them anew.
    const c = fileDatabases({ postgres: 'embedded' });
    expect(c.databases).not.toBe(a.databases);
    await c.release();
  });

  it('keeps apart the describePools that ask for different databases', async () => {
    vi.spyOn(LiveDatabases.prototype, 'stop').mockResolvedValue(undefined);
    const a = fileDatabases({ postgres: 'embedded' });
    const b = fileDatabases({ postgres: 'postgres://u@h/d' });
    expect(b.databases).not.toBe(a.databases);
    await Promise.all([a.release(), b.release()]);
  });
});
