import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { readBody } from './readBody.js';

/** POSTs `body` to a loopback server that reads it with `maxBytes`; returns what readBody gave. */
async function roundTrip(body: string, maxBytes?: number): Promise<string | undefined> {
  let read: Promise<string | undefined> | undefined;
  const server = createServer((req, res) => {
    read = maxBytes === undefined ? readBody(req) : readBody(req, maxBytes);
    void read.then((text) => res.writeHead(text === undefined ? 413 : 200).end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    const { port } = server.address() as AddressInfo;
    // The server may destroy the request mid-upload: the client's failure is not the point here.
    await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body }).catch(() => undefined);
    assert.ok(read);
    return await read;
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

describe('readBody', () => {
  it('behavior: the whole body as UTF-8, with and without a bound', async () => {
    assert.equal(await roundTrip('{"a":"é"}'), '{"a":"é"}');
    assert.equal(await roundTrip('{"a":"é"}', 10), '{"a":"é"}');
    assert.equal(await roundTrip(''), '');
  });

  it('behavior: a body over maxBytes is undefined (the caller answers 413)', async () => {
    assert.equal(await roundTrip('x'.repeat(11), 10), undefined);
    assert.equal(await roundTrip('x'.repeat(200_000), 1024), undefined);
  });
});
