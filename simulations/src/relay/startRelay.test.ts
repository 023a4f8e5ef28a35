import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFlashbotsClient, type FlashbotsClient, flashbots } from '@hedge-router/solvers';
import {
  type Address,
  encodeFunctionData,
  erc20Abi,
  type GetTxpoolContentReturnType,
  type Hex,
  keccak256,
  parseEther,
  parseGwei,
  stringToHex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { type StartWorldParameters, startWorld, type World } from '../world/startWorld.js';
import { type Relay, startRelay } from './startRelay.js';

const { FlashbotsBundleResolution } = flashbots;
const show = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The client's wait() listens for 'block' events, whose poller first records the current block
// without emitting: give it a few polls (20 ms each) before mining the target block.
const POLLER_BOOTSTRAP_MS = 120;

describe('local relay/builder with the real @flashbots/ethers-provider-bundle client', () => {
  let world: World;
  let relay: Relay | undefined;
  let client: FlashbotsClient | undefined;

  const worldParams: StartWorldParameters = { descriptorPath: null, blockMode: { mode: 'manual' } };
  before(async () => {
    world = await startWorld(worldParams);
  });
  after(async () => {
    client?.destroy();
    await relay?.stop();
    await world?.stop();
  });

  async function useRelay(inclusionProbability: number, seed = 7) {
    client?.destroy();
    await relay?.stop();
    relay = await startRelay({ chain: world.chains.main, inclusionProbability, seed });
    client = await createFlashbotsClient({
      rpcUrl: world.chains.main.anvil.rpcUrl,
      chainId: world.chains.main.descriptor.chainId,
      relayUrl: relay.url,
      authPrivateKey: world.accounts.keeper2.privateKey,
      pollingIntervalMs: 20,
    });
    return { relay, fb: client.bundles };
  }

  const main = () => world.chains.main;
  const weth = () => main().descriptor.tokens.weth.address;

  /** A signed WETH transfer by a named account, at its next nonce (or `nonceOffset` after it). */
  async function signedWethTransfer(
    from: 'vault' | 'executor' | 'searcher',
    to: Address,
    amountWei: bigint,
    opts: { nonceOffset?: number; maxFeePerGas?: bigint } = {},
  ): Promise<Hex> {
    const account = privateKeyToAccount(world.accounts[from].privateKey);
    const nonce = await main().clients.public.getTransactionCount({
      address: account.address,
      blockTag: 'pending',
    });
    return account.signTransaction({
      chainId: main().descriptor.chainId,
      type: 'eip1559',
      to: weth(),
      data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amountWei] }),
      gas: 100_000n,
      nonce: nonce + (opts.nonceOffset ?? 0),
      maxFeePerGas: opts.maxFeePerGas ?? parseGwei('20'),
      maxPriorityFeePerGas: parseGwei('1'),
    });
  }

  async function publicEthTransfer(from: 'searcher' | 'arbitrageur', maxFeePerGas: bigint): Promise<Hex> {
    const account = privateKeyToAccount(world.accounts[from].privateKey);
    return main()
      .clients.wallet(account)
      .sendTransaction({
        to: world.accounts.keeper.address,
        value: 1n,
        gas: 21_000n,
        maxFeePerGas,
        maxPriorityFeePerGas: parseGwei('1'),
      });
  }

  const wethBalance = (address: Address) =>
    main().clients.public.readContract({
      address: weth(),
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [address],
    });

  it('behavior: a simulated bundle lands atomically at the top of its target block, above higher-fee public txs', async () => {
    const { relay, fb } = await useRelay(1);
    const keeper = world.accounts.keeper.address;
    const before = await wethBalance(keeper);
    // Public txs already waiting: one outbids the bundle (anvil would put it first), one does not.
    const highFeePublic = await publicEthTransfer('searcher', parseGwei('50'));
    const lowFeePublic = await publicEthTransfer('arbitrageur', parseGwei('5'));
    const signed = await signedWethTransfer('vault', keeper, parseEther('1.5'));
    const target = Number(await main().clients.public.getBlockNumber()) + 1;

    const sim = await fb.simulate([signed], target);
    assert.ok(!('error' in sim), `simulate failed: ${show(sim)}`);
    assert.equal(sim.firstRevert, undefined);
    assert.ok(sim.totalGasUsed > 21_000 && sim.totalGasUsed < 100_000, `gas ${sim.totalGasUsed}`);
    assert.equal(sim.bundleHash, flashbots.FlashbotsBundleProvider.generateBundleHash([keccak256(signed)]));
    assert.equal(sim.results[0]?.fromAddress, world.accounts.vault.address);
    assert.equal(
      sim.gasFees,
      BigInt(sim.results[0]?.gasUsed ?? 0) * parseGwei('1'),
      'gas fees are the priority fee times gas',
    );

    const sent = await fb.sendRawBundle([signed], target);
    assert.ok(!('error' in sent), `sendRawBundle failed: ${show(sent)}`);
    const waiting = sent.wait();
    await sleep(POLLER_BOOTSTRAP_MS);
    await main().blocks.mine();
    assert.equal(await waiting, FlashbotsBundleResolution.BundleIncluded);

    const block = await main().clients.public.getBlock({ blockNumber: BigInt(target) });
    assert.deepEqual(
      block.transactions,
      [keccak256(signed), lowFeePublic],
      'bundle first, then the public tx that ranks below it',
    );
    assert.equal((await wethBalance(keeper)) - before, parseEther('1.5'));
    const [record] = relay.recordsFor(sent.bundleHash);
    assert.equal(record?.outcome.status, 'included');
    assert.deepEqual(record?.outcome.status === 'included' && record.outcome.blockNumber, BigInt(target));
    // The outbid public tx was held back one block, not lost.
    await main().blocks.mine();
    const receipt = await main().clients.public.getTransactionReceipt({ hash: highFeePublic });
    assert.equal(receipt.blockNumber, BigInt(target + 1));
    const stats = await fb.getBundleStatsV2(sent.bundleHash, target);
    assert.ok(!('error' in stats) && stats.sealedByBuildersAt.length === 1, show(stats));
  });

  it('behavior: a bundle whose second tx reverts is not included, not even its first tx', async () => {
    const { relay, fb } = await useRelay(1);
    const vault = world.accounts.vault.address;
    const vaultNonce = await main().clients.public.getTransactionCount({ address: vault });
    const ok = await signedWethTransfer('vault', world.accounts.keeper.address, parseEther('1'));
    // executor holds ETH but no WETH: its transfer reverts.
    const reverts = await signedWethTransfer('executor', world.accounts.keeper.address, parseEther('1'));
    const target = Number(await main().clients.public.getBlockNumber()) + 1;

    const sim = await fb.simulate([ok, reverts], target);
    assert.ok(!('error' in sim));
    assert.equal(sim.firstRevert?.txHash, keccak256(reverts));

    const sent = await fb.sendRawBundle([ok, reverts], target);
    assert.ok(!('error' in sent));
    const waiting = sent.wait();
    await sleep(POLLER_BOOTSTRAP_MS);
    await main().blocks.mine();
    assert.equal(await waiting, FlashbotsBundleResolution.BlockPassedWithoutInclusion);
    assert.equal(
      await main().clients.public.getTransactionCount({ address: vault }),
      vaultNonce,
      'first tx not mined either',
    );
    const record = relay.recordsFor(sent.bundleHash)[0];
    assert.equal(record?.outcome.status, 'not-included');
    assert.equal(
      record?.outcome.status === 'not-included' && record.outcome.reason.kind,
      'simulation-failed',
    );
  });

  it('behavior: with revertingTxHashes the reverting tx is allowed and the bundle lands', async () => {
    const { fb } = await useRelay(1);
    const ok = await signedWethTransfer('vault', world.accounts.keeper.address, parseEther('1'));
    const reverts = await signedWethTransfer('executor', world.accounts.keeper.address, parseEther('1'));
    const target = Number(await main().clients.public.getBlockNumber()) + 1;
    const sent = await fb.sendRawBundle([ok, reverts], target, { revertingTxHashes: [keccak256(reverts)] });
    assert.ok(!('error' in sent));
    await main().blocks.mine();
    const block = await main().clients.public.getBlock({ blockNumber: BigInt(target) });
    assert.deepEqual(block.transactions, [keccak256(ok), keccak256(reverts)]);
  });

  it('behavior: with inclusion probability 0 a bundle resent for 3 blocks never lands and the client sees non-inclusion', async () => {
    const { relay, fb } = await useRelay(0);
    const signed = await signedWethTransfer('vault', world.accounts.keeper.address, parseEther('1'));
    const offeredBefore = relay.stats.blocksOffered;
    for (let i = 0; i < 3; i++) {
      const target = Number(await main().clients.public.getBlockNumber()) + 1;
      const sent = await fb.sendRawBundle([signed], target);
      assert.ok(!('error' in sent));
      const waiting = sent.wait();
      await sleep(POLLER_BOOTSTRAP_MS);
      await main().blocks.mine();
      assert.equal(await waiting, FlashbotsBundleResolution.BlockPassedWithoutInclusion);
      assert.equal(
        await main()
          .clients.public.getTransaction({ hash: keccak256(signed) })
          .catch(() => null),
        null,
      );
    }
    assert.equal(relay.stats.blocksOffered - offeredBefore, 3);
    assert.equal(relay.stats.bundlesIncluded, 0);
    assert.deepEqual(
      relay.records.map((r) => r.outcome.status === 'not-included' && r.outcome.reason.kind),
      ['builder-lost-block', 'builder-lost-block', 'builder-lost-block'],
    );
  });

  it('behavior: the seeded draw makes inclusion at probability 0.5 replay exactly', async () => {
    const outcomes: boolean[][] = [];
    for (let run = 0; run < 2; run++) {
      const snap = await world.snapshot();
      const { fb } = await useRelay(0.5, 42);
      const landed: boolean[] = [];
      for (let i = 0; i < 6; i++) {
        const signed = await signedWethTransfer('vault', world.accounts.keeper.address, 1n);
        const target = await main().clients.public.getBlockNumber();
        const sent = await fb.sendRawBundle([signed], Number(target) + 1);
        assert.ok(!('error' in sent));
        await main().blocks.mine();
        const block = await main().clients.public.getBlock({ blockNumber: target + 1n });
        landed.push(block.transactions.includes(keccak256(signed)));
      }
      outcomes.push(landed);
      await world.revert(snap);
    }
    assert.deepEqual(outcomes[0], outcomes[1]);
    assert.ok(
      outcomes[0]?.includes(true) && outcomes[0]?.includes(false),
      `both outcomes occur: ${outcomes[0]}`,
    );
  });

  it('behavior: a bundle cancelled by replacementUuid is not included', async () => {
    const { relay, fb } = await useRelay(1);
    const signed = await signedWethTransfer('vault', world.accounts.keeper.address, 1n);
    const target = Number(await main().clients.public.getBlockNumber()) + 1;
    const sent = await fb.sendRawBundle([signed], target, { replacementUuid: 'hedge-1' });
    assert.ok(!('error' in sent));
    const cancelled = await fb.cancelBundles('hedge-1');
    assert.ok(!('error' in cancelled));
    assert.deepEqual(cancelled.bundleHashes, [sent.bundleHash]);
    await main().blocks.mine();
    const block = await main().clients.public.getBlock({ blockNumber: BigInt(target) });
    assert.equal(block.transactions.includes(keccak256(signed)), false);
    assert.equal(relay.recordsFor(sent.bundleHash)[0]?.outcome.status, 'cancelled');
  });

  it('behavior: a mempool poller reading through BlockControl never sees bundle txs, over 8 built blocks', async () => {
    const { relay, fb } = await useRelay(1);
    const seen = new Set<Hex>();
    const seenDirect = new Set<Hex>();
    let polls = 0;
    let polling = true;
    const pollInto = async (read: () => Promise<GetTxpoolContentReturnType>, into: Set<Hex>) => {
      while (polling) {
        const content = await read();
        for (const byNonce of Object.values(content.pending))
          for (const tx of Object.values(byNonce)) into.add(tx.hash);
        polls++;
      }
    };
    const poller = pollInto(() => main().blocks.txpoolContent(), seen);
    // The same poller straight on anvil, bypassing BlockControl, does see bundle txs in the few
    // ms they sit in anvil's pool: proof that this test would catch a leak.
    const directPoller = pollInto(() => main().clients.test.getTxpoolContent(), seenDirect);
    const bundleTxs: Hex[] = [];
    const exposureBefore = relay.stats.poolExposureMs.length;
    for (let i = 0; i < 8; i++) {
      await publicEthTransfer('searcher', parseGwei('3')); // public traffic the poller must see
      const signed = await signedWethTransfer('vault', world.accounts.keeper.address, 1n);
      bundleTxs.push(keccak256(signed));
      const sent = await fb.sendRawBundle([signed], Number(await main().clients.public.getBlockNumber()) + 1);
      assert.ok(!('error' in sent));
      await main().blocks.mine();
    }
    polling = false;
    await Promise.all([poller, directPoller]);
    for (const hash of bundleTxs) {
      assert.equal((await main().clients.public.getTransactionReceipt({ hash })).status, 'success');
      assert.equal(seen.has(hash), false, `poller saw bundle tx ${hash}`);
    }
    assert.ok(seen.size >= 8, `the poller saw the public txs (${seen.size} seen over ${polls} polls)`);
    const direct = bundleTxs.filter((hash) => seenDirect.has(hash)).length;
    assert.ok(
      direct > 0,
      'a direct txpool_content poller sees bundle txs (else this test could not tell a leak)',
    );
    const exposure = relay.stats.poolExposureMs.slice(exposureBefore);
    assert.equal(exposure.length, 8);
    console.log(
      `bundle txs in anvil's pool per built block: max ${Math.max(...exposure).toFixed(1)} ms; ${polls} polls; seen by a direct poller ${direct}/8, by the guarded one 0/8`,
    );
  });

  it('error: requests without a valid X-Flashbots-Signature are refused with HTTP 403', async () => {
    const { relay } = await useRelay(1);
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 9,
      method: 'eth_sendBundle',
      params: [{ txs: ['0x00'], blockNumber: '0x1' }],
    });
    const post = (headers: Record<string, string>, payload = body) =>
      fetch(relay.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
      });
    const signer = privateKeyToAccount(world.accounts.keeper2.privateKey);
    const sign = (payload: string) => signer.signMessage({ message: keccak256(stringToHex(payload)) });

    const missing = await post({});
    assert.equal(missing.status, 403);
    assert.deepEqual(await missing.json(), {
      jsonrpc: '2.0',
      id: 9,
      error: { code: -32600, message: 'missing X-Flashbots-Signature header' },
    });
    const forged = await post({
      'X-Flashbots-Signature': `${world.accounts.vault.address}:${await sign(body)}`,
    });
    assert.equal(forged.status, 403);
    assert.match(
      ((await forged.json()) as { error: { message: string } }).error.message,
      /^error in signature check 0x/,
    );
    const tampered = await post(
      { 'X-Flashbots-Signature': `${signer.address}:${await sign(body)}` },
      body.replace('0x1', '0x2'),
    );
    assert.equal(tampered.status, 403);
    const garbage = await post({ 'X-Flashbots-Signature': 'not-a-signature' });
    assert.equal(garbage.status, 403);
    assert.equal(relay.stats.refusedSignatures, 4);
    assert.equal(relay.records.length, 0);
  });

  it('error: malformed params get a JSON-RPC error naming the field, and the relay keeps serving', async () => {
    const { relay, fb } = await useRelay(1);
    const signer = privateKeyToAccount(world.accounts.keeper2.privateKey);
    const call = async (method: string, params: unknown) => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
      const signature = await signer.signMessage({ message: keccak256(stringToHex(body)) });
      const res = await fetch(relay.url, {
        method: 'POST',
        headers: { 'X-Flashbots-Signature': `${signer.address}:${signature}` },
        body,
      });
      assert.equal(res.status, 200);
      return ((await res.json()) as { error?: { code: number; message: string } }).error;
    };
    const signed = await signedWethTransfer('vault', world.accounts.keeper.address, 1n);
    assert.match(
      (await call('eth_sendBundle', [{ txs: [signed], blockNumber: 12 }]))?.message ?? '',
      /^params\[0\]\.blockNumber: /,
    );
    assert.match(
      (await call('eth_sendBundle', [{ txs: ['0x1234'], blockNumber: '0xffff' }]))?.message ?? '',
      /^params\[0\]\.txs\[0\]: not a valid signed transaction/,
    );
    assert.match(
      (await call('eth_sendBundle', [{ txs: [], blockNumber: '0xffff' }]))?.message ?? '',
      /^params\[0\]\.txs: /,
    );
    assert.match(
      (await call('eth_sendBundle', [{ txs: [signed], blockNumber: '0x1' }]))?.message ?? '',
      /is not after the current block/,
    );
    assert.equal(
      (await call('eth_callBundle', []))?.message,
      'params: expected an array holding one request object',
    );
    assert.match(
      (await call('eth_callBundle', [{ txs: [signed] }]))?.message ?? '',
      /^params\[0\]\.blockNumber: /,
    );
    assert.match(
      (await call('eth_callBundle', [{ txs: [signed], blockNumber: '0xffff', stateBlockNumber: 'soon' }]))
        ?.message ?? '',
      /^params\[0\]\.stateBlockNumber: /,
    );
    assert.match((await call('eth_cancelBundle', [{}]))?.message ?? '', /^params\[0\]\.replacementUuid: /);
    assert.equal((await call('eth_sendPrivateTransaction', [{ tx: signed }]))?.code, -32601);
    // A wrong nonce is answered like mev-geth, through the client's error value.
    const early = await signedWethTransfer('vault', world.accounts.keeper.address, 1n, { nonceOffset: 1 });
    const sim = await fb.simulate([early], Number(await main().clients.public.getBlockNumber()) + 1);
    assert.ok('error' in sim);
    assert.match(sim.error.message, /^err: nonce too high: address 0x[0-9a-fA-F]{40}, tx: \d+ state: \d+$/);
    // Still serving.
    const ok = await fb.simulate([signed], Number(await main().clients.public.getBlockNumber()) + 1);
    assert.ok(!('error' in ok));
  });
});
