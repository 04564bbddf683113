// The main thread's way to end a MySQL/MariaDB run whose witness it does not hold (the run was
// judged in a worker thread that was stopped, or a Ctrl-C only the main thread heard): as the
// URL's user, kill the sessions of the run's user and drop it. Both name that user exactly, so
// nothing else on the server is touched. Once dropped, the user leaves this process's ledger.
import { runUserName } from './MysqlRunUser.ts';
import { mysqlServer } from './mysqlAdmin.ts';
import { forgetRunUser } from './mysqlUserLedger.ts';

/** ER_NO_SUCH_THREAD: the session ended meanwhile. */
const GONE = 1094;

export async function dropRunUser(url: string, runId: string): Promise<void> {
  const server = mysqlServer(url, runId);
  const user = runUserName(runId);
  const admin = await server.connect('the URL\'s user');
  try {
    const [rows] = await admin.query('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?', [user]);
    for (const { id } of rows as Array<{ id: number }>) {
      await admin.query(`KILL CONNECTION ${Number(id)}`).catch((error: { errno?: number }) => {
        if (error.errno !== GONE) throw error;
      });
    }
    await admin.query('DROP USER IF EXISTS ?@?', [user, '%']);
    forgetRunUser(server.label, user);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
