/**
 * Resolves once `predicate` holds, polling every 5 ms, and fails after `timeoutMs`: for what
 * happens on a later turn of the event loop (a server-side event after a client abort, a hook run
 * after the response), where a fixed sleep breaks when a loaded CI machine stalls past it.
 */
export async function eventually(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
