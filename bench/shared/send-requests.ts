import autocannon from 'autocannon';

/**
 * Sends exactly `amount` requests to `url` over `connections` connections (GETs, or `request`:
 * a method, body and a `setupRequest` for per-request headers) and checks that every one was
 * answered with `status` (a bench that counts per request must not count failures).
 */
export async function sendRequests(
  url: string,
  status: number,
  amount: number,
  connections: number,
  request?: autocannon.Request,
): Promise<void> {
  const result = await autocannon({ url, connections, amount, timeout: 60, ...(request === undefined ? {} : { requests: [request] }) });
  const answered = result.statusCodeStats?.[String(status) as keyof typeof result.statusCodeStats]?.count ?? 0;
  if (result.errors > 0 || answered !== amount) {
    throw new Error(`${url}: ${result.errors} errors, ${answered}/${amount} answered ${status}`);
  }
}
