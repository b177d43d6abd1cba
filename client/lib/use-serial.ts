// Runs async saves one after another, in the order they were asked for: a later save can then never be
// overwritten by an earlier request that happened to arrive last.
import { useCallback, useRef } from 'react';

export function useSerial() {
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  return useCallback(<T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(task);
    queue.current = run.catch(() => {});
    return run;
  }, []);
}
