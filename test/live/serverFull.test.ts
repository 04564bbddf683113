// A server that cannot hold a run is the environment's problem, not the pool's: poolcheck says so
// in one line and exits 2, before judging (too few free connections) or as soon as the server
// refuses one of the run's connects for being full, instead of failing ERR-1 or BOUND-3.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolcheckError } from '../../src/errors.ts';
import { openLiveRunner, type LiveTarget } from '../../src/live/openLiveRunner.ts';
import { isServerFull } from '../../src/live/serverFull.ts';
import type { Witness } from '../../src/live/witness/Witness.ts';
import { runCli } from '../e2e/runCli.ts';
import { portAnswers } from './portAnswers.ts';

const localPg = await portAnswers(5432);
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A witness of a server with `max` connections, `used` of them taken. */
function fullWitness(max: number, used: number): Witness {
  let closed = 0;
  return {
    kind: 'postgres',
    runId: 'full',
    tag: 'poolcheck:full',
    server: 'PostgreSQL at 127.0.0.1:1',
    sessions: () => Promise.resolve([]),
    sample: () => Promise.resolve({ count: 0, sentAt: 0, receivedAt: 0 }),
    kill: () => Promise.resolve(false),
    killAll: () => Promise.resolve(0),
    maxConnections: () => Promise.resolve(max),
    usedConnections: () => Promise.resolve(used),
    close: () => Promise.resolve(closed++),
  };
}

const target = (witness: Witness): LiveTarget => ({
  witness,
  connectMs: 1,
  database: { url: 'postgres://127.0.0.1:1/x', serverVersion: 'PostgreSQL 0', provision: 'url' },
  backend: () => {
    throw new Error('no run is started on a full server');
  },
});

describe('a server that cannot hold the run', () => {
  it('is refused before anything is judged, naming the limit and what is open', async () => {
    const error = await openLiveRunner(target(fullWitness(8, 3))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolcheckError);
    expect((error as PoolcheckError).code).toBe('POOLCHECK_ENVIRONMENT');
    expect((error as PoolcheckError).message).toMatch(/accepts 8 connections and 3 are open.*needs 10 more/);
  });

  it('a server with room is accepted', async () => {
    const runner = await openLiveRunner(target(fullWitness(100, 3)));
    await runner.close();
  });

  it('tells "full" by the servers\' codes, not by message text', () => {
    expect(isServerFull(Object.assign(new Error('sorry, too many clients already'), { code: '53300' }))).toBe(true);
    expect(isServerFull(Object.assign(new Error('Too many connections'), { errno: 1040 }))).toBe(true);
    expect(isServerFull(Object.assign(new Error('User has exceeded max_user_connections'), { errno: 1203 }))).toBe(true);
    expect(isServerFull(new Error('sorry, too many clients already'))).toBe(false);
    expect(isServerFull(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }))).toBe(false);
  });
});

// A role of the test's own with a connection limit stands for a server that fills up mid-run:
// PostgreSQL refuses the role's extra sessions with the same code (53300) as a full server.
describe.runIf(localPg)("the machine's PostgreSQL refusing the run's connects mid-run", () => {
  const role = `poolcheck_limited_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });

  beforeAll(async () => {
    await admin.connect();
    // The witness takes one session; the pool gets one more, and a second is refused.
    await admin.query(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 2`);
  });

  afterAll(async () => {
    // Only the test's own role: its sessions are gone with the CLI, but may linger a moment.
    for (let i = 0; i < 50; i++) {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
      try {
        await admin.query(`DROP ROLE ${role}`);
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await admin.end();
  });

  it('is one line and exit 2 saying the server is full, not a failed rule', async () => {
    const { code, stdout, stderr } = await runCli([
      'run', '--mode', 'live', '--db', `postgres://${role}@127.0.0.1:5432/postgres`, '--adapter', 'reference', '--rules', 'BOUND-3', '--runs', '20', '--seed', '1',
    ]);
    expect(stdout).not.toMatch(/BOUND-3 +failed/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^poolcheck: PostgreSQL at 127\.0\.0\.1:5432 refused a connection of the run because it is full \(.*\): close other clients/);
    expect(code).toBe(2);
  }, 60_000);
});
