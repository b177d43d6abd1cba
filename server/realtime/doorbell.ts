// A long-lived stream's loop sleeps until something happens: `wait()` resolves at the next `notify()`. The loop
// checks its state before each wait (synchronously), so nothing that rings in between is missed.
export function doorbell() {
  let wake: (() => void) | null = null;
  return {
    notify(): void {
      const w = wake;
      wake = null;
      w?.();
    },
    wait(): Promise<void> {
      return new Promise<void>((r) => (wake = r));
    },
  };
}
