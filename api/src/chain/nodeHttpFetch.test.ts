import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createPublicClient, http as viemHttp } from 'viem';
import { createNodeHttpFetch } from './nodeHttpFetch.js';

describe('createNodeHttpFetch', () => {
  let server: http.Server;
  let url: string;
  const sockets = new Set<unknown>();
  before(async () => {
    // A JSON-RPC echo: eth_chainId answers 0x7a69, "slow" never answers, "fail" is HTTP 500.
    server = http.createServer((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const rpc = JSON.parse(body) as { id: number; method: string };
        if (rpc.method === 'slow') return;
        if (rpc.method === 'fail') {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/json',
          'x-seen-type': req.headers['content-type'] ?? '',
        });
        res.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: rpc.id,
            result: rpc.method === 'eth_chainId' ? '0x7a69' : body,
          }),
        );
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('behavior: answers like fetch for what viem reads (status, headers, body) and reuses its socket', async () => {
    const fetchFn = createNodeHttpFetch();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'echo' });
    const first = await fetchFn(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(first.status, 200);
    assert.equal(first.ok, true);
    assert.equal(first.headers.get('x-seen-type'), 'application/json');
    assert.equal((JSON.parse(await first.text()) as { result: string }).result, body);
    await fetchFn(url, { method: 'POST', body });
    assert.equal(sockets.size, 1, 'one keep-alive socket for both');
    const failed = await fetchFn(url, { method: 'POST', body: JSON.stringify({ id: 2, method: 'fail' }) });
    assert.equal(failed.ok, false);
    assert.equal(failed.status, 500);
    assert.equal(await failed.text(), 'boom');
  });

  it('behavior: viem works through it (an RPC call and its timeout)', async () => {
    const client = createPublicClient({
      transport: viemHttp(url, { fetchFn: createNodeHttpFetch(), timeout: 200, retryCount: 0 }),
    });
    assert.equal(await client.getChainId(), 31337);
    await assert.rejects(client.request({ method: 'slow' as never }), /took too long|timed out|timeout/i);
  });

  it('error: an aborted request rejects, an unknown protocol is named', async () => {
    const fetchFn = createNodeHttpFetch();
    const controller = new AbortController();
    const pending = fetchFn(url, {
      method: 'POST',
      body: JSON.stringify({ id: 3, method: 'slow' }),
      signal: controller.signal,
    });
    controller.abort(new Error('stop'));
    await assert.rejects(pending, /stop/);
    await assert.rejects(fetchFn('ftp://127.0.0.1/', {}), /url: unsupported protocol ftp:/);
  });
});
