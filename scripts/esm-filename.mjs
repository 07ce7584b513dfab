// Injected into the ESM build in place of tsup's `shims` (see tsup.config.ts). Free `__filename`
// references (logger.ts loads pino, prometheus.ts prom-client, each with createRequire) get the
// chunk's own URL, which createRequire accepts. tsup's shim imports `node:path` and `node:url`
// instead, into the chunk the client entry shares, and no browser can load those.
export const __filename = import.meta.url;
