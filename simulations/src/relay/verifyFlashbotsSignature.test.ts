import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ethers6 } from '@hedge-router/solvers';
import { keccak256, stringToHex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { verifyFlashbotsSignature } from './verifyFlashbotsSignature.js';

const body =
  '{"method":"eth_sendBundle","params":[{"txs":["0x02"],"blockNumber":"0x10"}],"id":1,"jsonrpc":"2.0"}';

describe('verifyFlashbotsSignature', () => {
  it('behavior: accepts the header the Flashbots client builds (ethers 6.7.1 signMessage(id(body)))', async () => {
    const wallet = ethers6.Wallet.createRandom();
    const header = `${wallet.address}:${await wallet.signMessage(ethers6.id(body))}`;
    assert.deepEqual(await verifyFlashbotsSignature(header, body), { ok: true, signer: wallet.address });
  });
  it('behavior: accepts viem signMessage of keccak256(utf8 body) with a lower-case address', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const signature = await account.signMessage({ message: keccak256(stringToHex(body)) });
    const check = await verifyFlashbotsSignature(`${account.address.toLowerCase()}:${signature}`, body);
    assert.deepEqual(check, { ok: true, signer: account.address });
  });
  it('error: refuses a missing header, a malformed one, another signer, and a changed body', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const other = privateKeyToAccount(generatePrivateKey());
    const signature = await account.signMessage({ message: keccak256(stringToHex(body)) });
    assert.deepEqual(await verifyFlashbotsSignature(undefined, body), {
      ok: false,
      reason: 'missing X-Flashbots-Signature header',
    });
    assert.equal((await verifyFlashbotsSignature(signature, body)).ok, false);
    assert.deepEqual(await verifyFlashbotsSignature(`${other.address}:${signature}`, body), {
      ok: false,
      reason: `error in signature check ${other.address}`,
    });
    assert.equal((await verifyFlashbotsSignature(`${account.address}:${signature}`, `${body} `)).ok, false);
    assert.equal((await verifyFlashbotsSignature(`${account.address}:0x1234`, body)).ok, false);
  });
});
