/** The body of a response as text, or why it could not be read. */
export type BodyText =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'too_large'; readonly limit: number }
  | { readonly kind: 'unreadable'; readonly cause: unknown };

/**
 * Reads a response body as UTF-8 text, stopping at `maxBytes` so a hostile or broken server
 * cannot make the client buffer an unbounded error page. Never throws.
 */
export async function readBodyText(response: Response, maxBytes: number): Promise<BodyText> {
  try {
    const stream = response.body;
    if (stream === null) return { kind: 'text', text: '' };
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Release the connection instead of draining a body we will not read.
        reader.cancel().catch(() => undefined);
        return { kind: 'too_large', limit: maxBytes };
      }
      text += decoder.decode(value, { stream: true });
    }
    return { kind: 'text', text: text + decoder.decode() };
  } catch (cause) {
    return { kind: 'unreadable', cause };
  }
}
