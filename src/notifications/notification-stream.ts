/**
 * A pull-based async iterator fed by push events: graphql-ws consumes it, and
 * return() (client unsubscribes or disconnects) releases the bus listener.
 */
export function eventStream<T>(
  subscribe: (push: (value: T) => void) => () => void,
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  const waiting: ((r: IteratorResult<T>) => void)[] = [];
  let done = false;
  const unsubscribe = subscribe((value) => {
    if (done) return;
    const next = waiting.shift();
    if (next) next({ value, done: false });
    else queue.push(value);
  });
  const finish = (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      unsubscribe();
      for (const w of waiting.splice(0)) w({ value: undefined, done: true });
      queue.length = 0;
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next() {
      if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: finish,
    throw(error?: unknown) {
      void finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Maps each event through an async step, dropping the ones that map to null. */
export async function* mapStream<T, U>(
  source: AsyncIterableIterator<T>,
  step: (value: T) => Promise<U | null>,
): AsyncGenerator<U> {
  try {
    for await (const value of source) {
      const mapped = await step(value);
      if (mapped !== null) yield mapped;
    }
  } finally {
    await source.return?.();
  }
}
