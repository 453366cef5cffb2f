// Bounded concurrency for reads that fan out per object (HEADs of declared objects, texts under a prefix, tags of
// every bucket): all of them in flight at once would only queue in the HTTP agent and hold every body in memory.

/** Runs at most `concurrency` of the functions it is given at a time, in the order given. */
export function limiter(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < concurrency) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // a finishing task hands its slot over
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
