import autocannon from 'autocannon';

/**
 * Sends exactly `amount` GET requests to `url` over `connections` connections and checks that
 * every one was answered with `status` (a bench that counts per request must not count failures).
 */
export async function sendRequests(url: string, status: number, amount: number, connections: number): Promise<void> {
  const result = await autocannon({ url, connections, amount, timeout: 60 });
  const answered = result.statusCodeStats?.[String(status) as keyof typeof result.statusCodeStats]?.count ?? 0;
  if (result.errors > 0 || answered !== amount) {
    throw new Error(`${url}: ${result.errors} errors, ${answered}/${amount} answered ${status}`);
  }
}
