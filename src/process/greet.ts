// Starts a process adapter from its manifest and greets it: `hello` with poolcheck's protocol
// version, answered by the adapter's descriptor, checked as an in-process adapter's is. What
// comes back is the greeting and the open channel. Anything that goes wrong on the way (the
// command not found, a process that dies at start, another protocol version, no answer) is one
// line, and by then the process is gone.
import { PoolcheckError } from '../errors.ts';
import { type ChannelOptions, ProcessChannel } from './ProcessChannel.ts';
import { ProcessAdapterError } from './ProcessAdapterError.ts';
import { ProcessChannelError } from './ProcessChannelError.ts';
import { type Greeting, PROTOCOL_VERSION, UNAVAILABLE_ERROR_TYPE } from './protocol.ts';
import { type Manifest, readManifest } from './readManifest.ts';
import { validateGreeting } from './validateGreeting.ts';

/** The adapter answered `hello` saying it cannot run here (a package of its language is missing). */
export class AdapterUnavailable extends PoolcheckError {
  constructor(message: string) {
    super('POOLCHECK_ENVIRONMENT', message);
  }
}

/** How long an adapter may take to start and answer `hello`: an interpreter's start and its imports. */
export const HELLO_DEADLINE_MS = 10_000;

export interface Greeted {
  readonly greeting: Greeting;
  readonly channel: ProcessChannel;
}

export interface GreetOptions extends ChannelOptions {
  readonly helloDeadlineMs?: number;
}

/** `manifestPath` as given (`--adapter`): errors name the adapter by it; `manifest`, when the caller has read it already. */
export async function greet(manifestPath: string, options: GreetOptions = {}, manifest: Manifest = readManifest(manifestPath)): Promise<Greeted> {
  const channel = await ProcessChannel.open(manifestPath, manifest, options);
  const deadlineMs = options.helloDeadlineMs ?? HELLO_DEADLINE_MS;
  try {
    const ok = await channel.request('hello', { protocol: PROTOCOL_VERSION }, { deadlineMs });
    return { greeting: validateGreeting(manifestPath, ok), channel };
  } catch (error) {
    await channel.close();
    throw greetingFailed(manifestPath, error, deadlineMs);
  }
}

function greetingFailed(label: string, error: unknown, deadlineMs: number): unknown {
  if (error instanceof ProcessChannelError && error.fault === 'deadline') {
    const seconds = deadlineMs / 1000;
    return new ProcessChannelError(
      'deadline',
      `adapter ${label}: no answer to \`hello\` within ${seconds} s: the adapter must answer it at start, one JSON line on stdout, flushed (spec/process-protocol.md)`,
      error.stderrTail,
    );
  }
  if (error instanceof ProcessAdapterError && error.type === UNAVAILABLE_ERROR_TYPE) {
    return new AdapterUnavailable(`adapter ${label} cannot run here: ${error.message}`);
  }
  if (error instanceof ProcessAdapterError) {
    return new PoolcheckError('POOLCHECK_ADAPTER_CONTRACT', `adapter ${label}: answered \`hello\` with an error: ${error.type}: ${error.message}`);
  }
  return error;
}
