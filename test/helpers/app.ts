import { Writable } from 'node:stream';
import express5 from 'express';
import express4 from 'express4';
import pino from 'pino';
import type { ErrorLogger } from '../../src';

/** The Express majors the middleware is tested against. */
export const EXPRESS_VERSIONS = [
  ['express 5', express5],
  ['express 4', express4 as unknown as typeof express5],
] as const;

export type ExpressFactory = typeof express5;

/** A pino logger writing JSON lines into `lines`, for asserting what was logged. */
export function captureLogger(): { logger: ErrorLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const logger = pino({ level: 'trace' }, stream) as unknown as ErrorLogger;
  return { logger, lines };
}

/** Waits until pino's stream has flushed what was logged during a request. */
export function flushLogs(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
