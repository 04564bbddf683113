// A SIGKILLed poolcheck runs no cleanup, and a MySQL run's user (poolcheck_<run id>) outlives it
// on the server. The server cannot tell whose a user is, and it may be shared by other machines,
// so the evidence is kept here: each process lists the run users it created, in a file named
// with its pid in the temporary directory, as `<server>\t<user>` lines, and removes a line once
// it dropped that user. A later run on the same server drops the users of files whose process no
// longer runs, and only those with no session open (a session would mean someone uses it).
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { leftByDeadProcesses } from '../database/leftByDeadProcesses.ts';

const FILE = /^poolcheck-mysql-users-(\d+)\.txt$/;

const fileOf = (pid: number, directory: string) => join(directory, `poolcheck-mysql-users-${pid}.txt`);

/** Notes that this process created `user` on `server`; the returned function forgets it again. */
export function recordRunUser(server: string, user: string, directory = tmpdir()): () => void {
  const file = fileOf(process.pid, directory);
  const line = `${server}\t${user}`;
  try {
    appendFileSync(file, `${line}\n`);
  } catch {
    return () => {}; // no writable temporary directory: the run works, only the sweep cannot help
  }
  return () => forgetRunUser(server, user, directory);
}

/** Notes that `user` on `server` was dropped, whichever thread of this process created it. */
export function forgetRunUser(server: string, user: string, directory = tmpdir()): void {
  const line = `${server}\t${user}`;
  rewrite(fileOf(process.pid, directory), (lines) => lines.filter((l) => l !== line));
}

/** Drops the run users on `server` that dead poolcheck processes left; resolves their names. */
export async function sweepRunUsers(admin: Connection, server: string, directory = tmpdir(), now = Date.now()): Promise<string[]> {
  const dropped: string[] = [];
  for (const file of leftByDeadProcesses(directory, FILE, now)) {
    const gone = new Set<string>();
    for (const line of readLines(file)) {
      const [where, user] = line.split('\t');
      if (where !== server || !user?.startsWith('poolcheck_')) continue;
      const [[open]] = await admin.query<Array<{ n: number } & RowDataPacket>>('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?', [user]);
      if (Number(open?.n) > 0) continue;
      await admin.query('DROP USER IF EXISTS ?@?', [user, '%']);
      gone.add(line);
      dropped.push(user);
    }
    rewrite(file, (lines) => lines.filter((l) => !gone.has(l)));
  }
  return dropped;
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Keeps the lines `keep` returns; a file with none left is removed. */
function rewrite(file: string, keep: (lines: string[]) => string[]): void {
  try {
    const lines = keep(readLines(file));
    if (lines.length === 0) rmSync(file, { force: true });
    else writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  } catch {
    // vanished meanwhile: nothing left to forget
  }
}
