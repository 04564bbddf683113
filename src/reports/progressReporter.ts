// The progress display of a terminal: one status line (adapter, mode, rule k of n, live workloads
// done, elapsed) rewritten in place. Every permanent line goes through `print`, which clears the
// status line first and draws it again below, so the log above reads as it would in CI. Only on a
// TTY outside CI: a pipe or a CI log gets the permanent lines alone.
import type { AdapterHead, Reporter } from './Reporter.ts';

const CLEAR_LINE = '\r\x1b[2K';

export interface ProgressDisplay extends Required<Pick<Reporter, 'onAdapterStart' | 'onRuleResult' | 'onAdapterEnd' | 'onRunEnd'>> {
  /** Writes permanent text (whole lines) above the status line. */
  readonly print: (s: string) => void;
  /** A step between adapters, such as starting a database. */
  readonly note: (text: string) => void;
  /** One live workload finished (model mode runs too many too fast to be worth counting). */
  readonly workloadDone: () => void;
  /** Clears the status line and stops the clock; safe to call twice. */
  readonly stop: () => void;
}

export interface ProgressOptions {
  readonly write: (s: string) => void;
  /** The rule ids judged per adapter, in order; or per run, where they differ (fork mode, --shard). */
  readonly rules: readonly string[] | ((head: AdapterHead) => readonly string[]);
  readonly now?: () => number;
  /** Terminal width: a longer line would wrap, and only its last row would be cleared. */
  readonly columns?: () => number;
  /** How often the elapsed time is redrawn while nothing else happens; 0 for never. */
  readonly refreshMs?: number;
}

/** Whether stdout gets the progress display: a terminal, and not a CI job that allocates one. */
export function wantsProgress(stdout: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stdout.isTTY) && !env['CI'] && env['TERM'] !== 'dumb';
}

export function progressReporter({ write, rules, now = () => performance.now(), columns = () => process.stdout.columns || 80, refreshMs = 1000 }: ProgressOptions): ProgressDisplay {
  const started = now();
  let current: { head: AdapterHead; done: number; workloads: number } | null = null;
  let noteText: string | null = null;
  let shown = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const statusText = (): string | null => {
    const elapsed = `${((now() - started) / 1000).toFixed(0)} s`;
    if (noteText !== null) return `${noteText} · ${elapsed}`;
    if (current === null) return null;
    const { head, done, workloads } = current;
    const judged = typeof rules === 'function' ? rules(head) : rules;
    if (done >= judged.length) return null;
    const live = head.mode === 'live' && workloads > 0 ? (workloads <= head.numRuns ? ` · ${workloads}/${head.numRuns} workloads` : ` · ${workloads} workloads`) : '';
    return `${head.adapter} · ${head.mode} · rule ${done + 1} of ${judged.length} ${judged[done]}${live} · ${elapsed}`;
  };
  const clear = () => {
    if (shown) write(CLEAR_LINE);
    shown = false;
  };
  const draw = () => {
    const text = statusText();
    if (text === null) return clear();
    const width = Math.max(columns() - 1, 10);
    write(CLEAR_LINE + (text.length > width ? text.slice(0, width - 1) + '…' : text));
    shown = true;
    if (timer === undefined && refreshMs > 0) {
      timer = setInterval(() => shown && draw(), refreshMs);
      // The clock never keeps the process alive on its own.
      timer.unref();
    }
  };

  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    current = null;
    noteText = null;
    clear();
  };

  return {
    print: (s) => {
      clear();
      write(s);
      if (s.endsWith('\n')) draw();
    },
    note: (text) => {
      noteText = text;
      draw();
    },
    workloadDone: () => {
      if (current === null) return;
      current.workloads++;
      draw();
    },
    onAdapterStart(head) {
      noteText = null;
      current = { head, done: 0, workloads: 0 };
      draw();
    },
    onRuleResult() {
      if (current === null) return;
      current.done++;
      current.workloads = 0;
      draw();
    },
    onAdapterEnd() {
      current = null;
      clear();
    },
    onRunEnd: stop,
    stop,
  };
}
