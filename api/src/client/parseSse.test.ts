import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSse } from './parseSse.js';

async function collect(chunks: string[]) {
  async function* source() {
    yield* chunks;
  }
  const out = [];
  for await (const m of parseSse(source())) out.push(m);
  return out;
}

describe('parseSse', () => {
  it('behavior: events split across chunks, comments skipped, ids kept', async () => {
    const messages = await collect([
      ': connected\n\nid: 7\nevent: sta',
      'tus\ndata: {"a":1}\n\n',
      'id: 8\r\nevent: status\r\ndata: {"a":2}\r\n\r\n',
    ]);
    assert.deepEqual(messages, [
      { id: '7', event: 'status', data: '{"a":1}' },
      { id: '8', event: 'status', data: '{"a":2}' },
    ]);
  });

  it('behavior: multi-line data is joined with newlines; a missing event name is "message"', async () => {
    const messages = await collect(['data: one\ndata:two\n\n']);
    assert.deepEqual(messages, [{ id: undefined, event: 'message', data: 'one\ntwo' }]);
  });

  it('behavior: a CRLF split between chunks is one line end', async () => {
    const messages = await collect(['data: x\r', '\n\r\n']);
    assert.deepEqual(messages, [{ id: undefined, event: 'message', data: 'x' }]);
  });
});
