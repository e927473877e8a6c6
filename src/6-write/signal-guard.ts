/** The signals a write catches: an operator's Ctrl-C and a service manager's stop. */
const CAUGHT = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Caught = (typeof CAUGHT)[number];

/** Thrown by {@link SignalGuard.check} once a signal arrived: the write rolls back. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: Caught) {
    super(`interrupted by ${signal}`);
  }
}

export interface SignalGuard {
  /** Throws {@link Interrupted} when a signal arrived and the write has not committed. */
  check(): void;
  /** From here on the output is complete: a signal no longer rolls back, it ends the process after the write. */
  committed(): void;
}

/**
 * Run `fn` with SIGINT/SIGTERM/SIGHUP caught: a signal is noted, and the write sees it at its next
 * check() and rolls back. Handlers exist only while `fn` runs (all state lives in this call). A
 * signal after the commit point is delivered again once `fn` ended, with the default action back.
 */
export async function withSignalGuard<T>(fn: (guard: SignalGuard) => Promise<T>): Promise<T> {
  let caught: Caught | undefined;
  let done = false;
  const handler = (signal: NodeJS.Signals): void => {
    caught ??= signal as Caught;
  };
  for (const s of CAUGHT) process.on(s, handler);
  const guard: SignalGuard = {
    check: () => {
      if (caught !== undefined && !done) throw new Interrupted(caught);
    },
    committed: () => {
      done = true;
    },
  };
  try {
    return await fn(guard);
  } finally {
    for (const s of CAUGHT) process.off(s, handler);
    if (caught !== undefined && done) process.kill(process.pid, caught);
  }
}
