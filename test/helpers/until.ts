/**
 * Waits until `condition()` holds, checking every 5 ms, and fails after `timeoutMs`. For what
 * happens on a later turn of the event loop (a socket's `close`, a hook run after the response):
 * a fixed sleep breaks when a loaded CI machine stalls past it.
 */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
