// poolcheck's public API: everything users may import, by name. Anything not listed here is
// internal and may change without notice.
export type { AcquireOptions, AcquireTimeout, Adapter, Basis, Capabilities, ErrorClass, Fifo, KnownGap, PoolConfig, Retention } from './adapter/Adapter.ts';
export { validateAdapter } from './adapter/validateAdapter.ts';
export { installedVersion } from './adapter/installedVersion.ts';
export { NODE_WORKER_FORK_CLAIM } from './adapter/nodeWorkerFork.ts';
export { builtInAdapters, loadAdapter, type LoadedAdapter } from './adapter/loadAdapter.ts';
export type { Backend, BackendDrivers, Connection, DatabaseDriver, ModelBackend, ServerSession } from './adapter/Backend.ts';
export type { MysqlDriverConnection, MysqlDrivers, MysqlLogin } from './adapter/MysqlDrivers.ts';
export { ConnectError, QueryError } from './adapter/Backend.ts';
export { PoolcheckError, type ErrorCode } from './errors.ts';
export { rules, levels, ruleById, specVersion, type Rule, type Level, type Need } from './spec/rules.ts';
export { resolveRunOptions, profileRuns, type LooseRunOptions, type Profile, type RunOptions } from './options/resolveRunOptions.ts';
export { judgeAdapter } from './runner/judgeAdapter.ts';
export { runWorkload } from './runner/runWorkload.ts';
export type { AdapterReport } from './runner/AdapterReport.ts';
export type { Counterexample, Status, Verdict } from './runner/Verdict.ts';
export type { RunRecord } from './runner/RunRecord.ts';
export type { HistoryEvent } from './history/History.ts';
export type { Violation, NotJudged, Finding, Checker } from './checkers/Violation.ts';
export type { Workload, Task, BorrowTask, QueryTask } from './workload/Workload.ts';
export type { Reporter } from './reports/Reporter.ts';
export { textReporter } from './reports/textReporter.ts';
export { jsonReport } from './reports/jsonReport.ts';
export { junitXml } from './reports/junitXml.ts';
export { htmlReport } from './reports/htmlReport.ts';
export { badgeSvg, shieldsEndpoint } from './reports/badge.ts';
