// SIGINT and SIGTERM while a command works (design §7): the first asks the work to stop gracefully (an aborted
// signal: apply starts no new change, lets those running finish, releases its lock and prints its summary); a second
// exits at once with 130, as a shell expects of an interrupted command.
import { EXIT } from '../core/exit-codes.js';

export async function withInterrupts<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
