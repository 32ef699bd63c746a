/** Calls `fn` at most once per 50 ms, however often asked, and after the asking settles. */
export function throttle(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      fn();
    }, 50);
  };
}
