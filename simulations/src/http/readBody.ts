import type { IncomingMessage } from 'node:http';

/**
 * A request's body as UTF-8 text, for the local HTTP stand-ins (relay, orderbook) and the tests'
 * own servers. With `maxBytes`, a body larger than that resolves to undefined and the request is
 * destroyed as soon as it passes the bound (the caller answers 413), so an oversized upload is
 * never buffered whole; without it, the whole body is read.
 */
export function readBody(req: IncomingMessage): Promise<string>;
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined>;
export function readBody(
  req: IncomingMessage,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
