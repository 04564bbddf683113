// stdout carries only protocol lines (spec/process-protocol.md, Lines): whatever else writes to it
// (a pool library's console.log, a stray print) goes to stderr instead. nodeHost.ts imports this
// module first, so the switch is made before any other module runs.
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);

/** Writes one protocol line on the real stdout; `written` once it is handed to the pipe. */
export function writeProtocol(line: string, written?: () => void): void {
  stdoutWrite(line, written);
}
