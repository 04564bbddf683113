import { execFileSync } from 'node:child_process';

/** Whether Debian's /usr/bin/python3 imports these modules (`sqlalchemy, psycopg2`). */
export function pythonHas(modules: string): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${modules}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
