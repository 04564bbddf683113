// Live mode on SQLite: the pool's connections are better-sqlite3 Databases on a file of the run's
// own, in a temporary directory that goes when the runner closes (or when opening fails, or on
// Ctrl-C). There is no server to ask, so the witness is the factory every Database comes from.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupRegistry } from '../database/cleanupRegistry.ts';
import { sweepOrphans } from '../database/sweepOrphans.ts';
import { openLiveRunner, type LiveRunner } from '../openLiveRunner.ts';
import { newRunId } from '../witness/newRunId.ts';
import { SqliteWitness } from '../witness/SqliteWitness.ts';
import { LiveSqliteBackend } from './LiveSqliteBackend.ts';
import { measureSqliteConnect } from './measureSqliteConnect.ts';

export function openSqliteLiveRunner(): Promise<LiveRunner> {
  // The pid in the name lets a later run remove what a SIGKILLed one left (sweepOrphans).
  sweepOrphans();
  return mkdtemp(join(tmpdir(), `poolcheck-sqlite-${process.pid}-`)).then(openIn);
}

async function openIn(dir: string): Promise<LiveRunner> {
  const removeDir = cleanupRegistry.track({
    name: `SQLite directory ${dir}`,
    stop: () => rm(dir, { recursive: true, force: true }),
    stopNow: () => rmSync(dir, { recursive: true, force: true }),
  });
  let witness: SqliteWitness | undefined;
  try {
    const filename = join(dir, 'run.db');
    const opened = await SqliteWitness.open(newRunId(), { filename });
    witness = opened;
    const { connectMs, version } = measureSqliteConnect(opened);
    return await openLiveRunner({
      witness: opened,
      connectMs,
      // Opening a file cannot be held unanswered: no connect that never settles here.
      connectHangs: false,
      database: { url: filename, serverVersion: `SQLite ${version}`, provision: 'embedded' },
      backend: ({ clock, history, workload, stallMs }) => new LiveSqliteBackend(opened, clock, history, workload, stallMs),
      close: removeDir,
    });
  } catch (error) {
    await witness?.close().catch(() => undefined);
    await removeDir();
    throw error;
  }
}
