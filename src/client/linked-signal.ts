/** An abort controller that also aborts when `parent` does; `dispose` detaches it from the parent. */
export interface LinkedController {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Links a child controller to a parent signal. `AbortSignal.any` would do this, but Node 18 and
 * older browsers lack it, and a listener left on a long-lived parent signal would leak per call.
 */
export function linkSignal(parent: AbortSignal | undefined): LinkedController {
  const controller = new AbortController();
  if (parent === undefined) return { controller, signal: controller.signal, dispose: () => undefined };
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, signal: controller.signal, dispose: () => undefined };
  }
  const onAbort = (): void => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, signal: controller.signal, dispose: () => parent.removeEventListener('abort', onAbort) };
}
