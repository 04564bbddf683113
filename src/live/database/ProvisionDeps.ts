// What provisioning asks of the outside world, injectable so that tests can simulate what this
// machine does not have (a container runtime, a missing driver, root without a postgres user)
// without changing the machine. Loose at the edge, resolved once.
import { containerRuntimeAnswers } from './containerRuntimeAnswers.ts';
import { nodeImport, type ModuleLoader } from './importModule.ts';
import { osUser, type RunAs } from './osUser.ts';

export interface ProvisionDeps {
  /** Loads drivers and database packages. */
  readonly importModule: ModuleLoader;
  /** Whether a container runtime answers (quickly; never throws). */
  readonly containerRuntime: (env: NodeJS.ProcessEnv) => Promise<boolean>;
  /** Which OS user the embedded server can run as. */
  readonly osUser: () => Promise<RunAs>;
  /** For the first connection to a provisioned database. */
  readonly connectTimeoutMillis: number;
}

export function resolveProvisionDeps(deps: Partial<ProvisionDeps> = {}): ProvisionDeps {
  const importModule = deps.importModule ?? nodeImport;
  return {
    importModule,
    containerRuntime: deps.containerRuntime ?? ((env) => containerRuntimeAnswers(env)),
    osUser: deps.osUser ?? osUser,
    connectTimeoutMillis: deps.connectTimeoutMillis ?? 5_000,
  };
}
