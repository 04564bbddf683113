// Turns a driver's failure to connect (pg or mysql2) into the one line that tells the user what
// to check. Classified by the stable codes both drivers expose (errno names, SQLSTATE, MySQL
// error names); by the message only where pg gives no code (its connection timeout, a reply in
// another protocol, a password the server wants and the URL lacks).
import type { PoolcheckError } from '../../errors.ts';
import type { DatabaseKind } from './Database.ts';
import { environmentError } from './environmentError.ts';

/** Where poolcheck tried to connect and where that address came from, for the message. */
export interface ConnectTarget {
  readonly kind: DatabaseKind;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** e.g. `POOLCHECK_PG_URL`, `--db`, `embedded PostgreSQL`. */
  readonly source: string;
  readonly secrets: readonly string[];
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);
/** SQLSTATE 28P01 wrong password, 28000 no such role / no pg_hba entry; MySQL access denied. */
const credentialCodes = new Set(['28P01', '28000', 'ER_ACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', 'ER_HOST_NOT_PRIVILEGED', 'ER_DBACCESS_DENIED_ERROR']);
/** SQLSTATE 53300 (max_connections, a role's CONNECTION LIMIT); MySQL's connection limits. */
const fullCodes = new Set(['53300', 'ER_CON_COUNT_ERROR', 'ER_TOO_MANY_USER_CONNECTIONS', 'ER_USER_LIMIT_REACHED']);
const missingDatabaseCodes = new Set(['3D000', 'ER_BAD_DB_ERROR']);

export function connectError(error: unknown, target: ConnectTarget): PoolcheckError {
  const { code, message: raw } = (error ?? {}) as { code?: unknown; message?: unknown };
  const reason = typeof raw === 'string' && raw !== '' ? raw : String(error);
  const name = target.kind === 'postgres' ? 'PostgreSQL' : 'MySQL/MariaDB';
  const at = `${name} at ${target.host}:${target.port} (from ${target.source})`;
  const fail = (message: string) => environmentError(message, target.secrets);
  const c = typeof code === 'string' ? code : '';

  if (c === 'ETIMEDOUT' || /connection timeout|timeout expired/i.test(reason)) {
    // Also what a server of the other kind looks like: each side waits for the other to speak.
    return fail(`${at} did not answer in time: check that the server is running, that ${target.host}:${target.port} is a ${name} server, and that no firewall is in the way`);
  }
  if (unreachableCodes.has(c)) {
    return fail(`cannot reach ${at}: ${c}; check that the server is running, that it listens on ${target.host}:${target.port}, and that no firewall is in the way`);
  }
  if (/unexpected .*message from backend|connection terminated unexpectedly|PROTOCOL_|malformed packet/i.test(`${c} ${reason}`)) {
    return fail(`${at} does not speak the ${name} protocol (${reason}): is ${target.host}:${target.port} the right server and port?`);
  }
  if (credentialCodes.has(c) || /client password must be a string/i.test(reason)) {
    const detail = /client password must be a string/i.test(reason) ? 'the server asks for a password and none was given' : reason;
    return fail(`${at} rejected user "${target.user}" from this host: ${detail}; check the user and password in ${target.source}`);
  }
  if (fullCodes.has(c)) {
    const limit = target.kind === 'postgres' ? 'max_connections (or the role\'s CONNECTION LIMIT)' : 'max_connections (or max_user_connections)';
    return fail(`${at} has no free connection slot (${reason}): ${limit} is used up; close other sessions or raise the limit, since poolcheck needs room for the pool under test and its own admin session`);
  }
  if (missingDatabaseCodes.has(c)) {
    return fail(`${at} has no database "${target.database}": create it or name an existing one in ${target.source}`);
  }
  if (c === '57P03') return fail(`${at} is starting up or shutting down (${reason}); try again in a moment`);
  return fail(`cannot connect to ${at} as user "${target.user}": ${c ? `${c} ` : ''}${reason}`);
}
