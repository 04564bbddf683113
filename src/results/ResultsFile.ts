// results/results.json: one run of every built-in adapter in every mode it has, written by
// `npm run results` (scripts/results.ts), read by `npm run docs` to generate the README's results.
// The reports are report.json documents (spec/report.schema.json) exactly as the CLI wrote them;
// the types below name only the fields the results block reads, so fields added to the report
// later pass through untouched.

/** One rule's entry of a report.json. */
export interface RuleResultDoc {
  readonly id: string;
  readonly title: string;
  readonly level: string;
  readonly status: string;
  readonly reason?: string;
  readonly link?: string;
  readonly message?: string;
  readonly seed?: number;
  readonly path?: string;
  readonly violation?: { readonly message: string };
  /** The counterexample as Workload.ts and the clock's ties have it (plus `steps`). */
  readonly counterexample?: { readonly workload: unknown; readonly ties: readonly number[]; readonly steps?: readonly string[] };
  readonly [field: string]: unknown;
}

/** A report.json document. */
export interface ReportDoc {
  readonly adapter: { readonly name: string; readonly spec: string; readonly pool: { readonly name: string; readonly version: string } };
  readonly run: {
    readonly mode: string;
    readonly profile: string;
    readonly numRuns: number;
    readonly seed: number;
    readonly database?: { readonly url: string; readonly serverVersion: string; readonly provision: string; readonly db?: string };
  };
  readonly levels: Readonly<Record<string, string>>;
  readonly rules: readonly RuleResultDoc[];
  readonly [field: string]: unknown;
}

/** A database live mode ran on, as the reports' `run.database` name it. */
export interface DatabaseUsed {
  /** `PostgreSQL 18.4`, `SQLite 3.51.2`, `MariaDB 10.11.19-MariaDB-...`: the product comes first. */
  readonly serverVersion: string;
  /** `embedded`, `url` or `testcontainers`. */
  readonly provision: string;
}

export interface ResultsFile {
  readonly version: 1;
  /** The CLI command that produced the reports, without the report directory. */
  readonly command: string;
  readonly profile: string;
  readonly seed: number;
  /** `process.version` of the run. */
  readonly node: string;
  /** `linux x64, 2 CPUs`. */
  readonly machine: string;
  readonly databases: readonly DatabaseUsed[];
  /** When the run started, ISO 8601 UTC. */
  readonly startedAt: string;
  /** Wall time of the whole run. */
  readonly ms: number;
  /** Model runs first, then live, each in the order of the built-in adapters. */
  readonly reports: readonly ReportDoc[];
}
