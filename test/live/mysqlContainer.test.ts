// The MariaDB testcontainers path, with a stand-in for @testcontainers/mariadb: there is no
// container runtime here. What is checked is poolcheck's side: the image and database it asks
// for, a random root password that no message shows, and that the container is stopped (once)
// whenever provisioning fails after it started.
import { describe, expect, it } from 'vitest';
import { PoolcheckError } from '../../src/errors.ts';
import { nodeImport, type ModuleLoader } from '../../src/live/database/importModule.ts';
import { provisionMysql } from '../../src/live/database/provisionMysql.ts';
import { portAnswers } from './portAnswers.ts';

const machineMariadb = await portAnswers(3306);

/** A stand-in MariaDbContainer whose "container" is whatever answers at `port`. */
function standIn(port: number, startFails = false) {
  const calls: string[] = [];
  const chosen = { password: '' };
  class MariaDbContainer {
    constructor(image: string) {
      calls.push(`image ${image}`);
    }
    withRootPassword(password: string) {
      chosen.password = password;
      return this;
    }
    withDatabase(database: string) {
      calls.push(`database ${database}`);
      return this;
    }
    start() {
      if (startFails) return Promise.reject(new Error(`pull access denied for the image (root password ${chosen.password})`));
      return Promise.resolve({
        getHost: () => '127.0.0.1',
        getPort: () => port,
        getId: () => 'e'.repeat(64),
        getDatabase: () => 'poolcheck',
        stop: () => Promise.resolve(void calls.push('stop')),
      });
    }
  }
  const load: ModuleLoader = async (specifier) => (specifier === '@testcontainers/mariadb' ? { MariaDbContainer } : nodeImport(specifier));
  return { calls, chosen, load };
}

const runtime = () => Promise.resolve(true);

describe('MySQL/MariaDB through testcontainers (a stand-in runtime)', () => {
  it('a container that does not start is one environment error, without the password', async () => {
    const { chosen, load } = standIn(1, true);
    const error = await provisionMysql('auto', { POOLCHECK_MYSQL_IMAGE: 'mariadb:10.11' }, { containerRuntime: runtime, importModule: load }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolcheckError);
    expect((error as Error).message).toMatch(/could not start a mariadb:10\.11 container with testcontainers/);
    expect(chosen.password.length).toBeGreaterThanOrEqual(20);
    expect((error as Error).message).not.toContain(chosen.password);
  });

  it.runIf(machineMariadb)('a started container whose server refuses the login is stopped, once, and the error names no password', async () => {
    // The machine's MariaDB plays the container: its root has no password, so poolcheck's chosen
    // one is refused, which is a failure after the container started.
    const { calls, chosen, load } = standIn(3306);
    const error = await provisionMysql('testcontainers', {}, { containerRuntime: runtime, importModule: load }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolcheckError);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:3306/);
    expect((error as Error).message).not.toContain(chosen.password);
    expect(calls).toEqual(['image mariadb:11', 'database poolcheck', 'stop']);
  });
});
