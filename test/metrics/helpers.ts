import { request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Express } from 'express';

/** Starts `app` on a free loopback port. */
export function listen(app: Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Sends a request and destroys the connection once the server has it (`waitFor` resolves), before
 * any response: an aborted request. With `partialBody` the body is announced but never finished.
 */
export function abortRequest(server: Server, path: string, waitFor: Promise<unknown>, partialBody?: string): Promise<void> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: partialBody === undefined ? 'GET' : 'POST',
      headers: partialBody === undefined ? {} : { 'content-type': 'application/json', 'content-length': '1000' },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.flushHeaders();
    if (partialBody !== undefined) req.write(partialBody);
    void waitFor.then(() => req.destroy());
  });
}

/**
 * Sends GET requests for `paths` pipelined over `connections` raw keep-alive connections (much
 * cheaper than one client request object each) and resolves with the statuses, in order per connection.
 */
export async function pipelineGets(server: Server, paths: readonly string[], connections = 8): Promise<number[]> {
  const { port } = server.address() as AddressInfo;
  const groups = Array.from({ length: connections }, (_, index) => paths.filter((_path, i) => i % connections === index));
  const results = await Promise.all(
    groups.map(
      (group) =>
        new Promise<number[]>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1');
          let received = '';
          const statuses: number[] = [];
          socket.setEncoding('latin1'); // one character per byte, so Content-Length counts characters
          socket.on('data', (chunk: string) => {
            received += chunk;
            for (;;) {
              const headEnd = received.indexOf('\r\n\r\n');
              if (headEnd === -1) break;
              const head = received.slice(0, headEnd);
              const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
              if (received.length < headEnd + 4 + length) break;
              statuses.push(Number(head.slice(9, 12)));
              received = received.slice(headEnd + 4 + length);
            }
            if (statuses.length === group.length) {
              socket.end();
              resolve(statuses);
            }
          });
          socket.on('error', reject);
          socket.on('close', () =>
            statuses.length === group.length
              ? undefined
              : reject(new Error(`connection closed after ${statuses.length} of ${group.length} responses`)),
          );
          socket.write(group.map((path) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`).join(''));
        }),
    ),
  );
  return results.flat();
}
