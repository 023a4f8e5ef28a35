import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  bridgedAmountAfterFee,
  bridgeOutCalldata,
  erc20Abi,
  intentSpokePoolAbi,
  type RelayData,
} from '@hedge-router/solvers';
import {
  type Abi,
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  type Hex,
  keccak256,
  maxUint256,
  parseEther,
  parseEventLogs,
  stringToHex,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startWorld, type World } from '../world/startWorld.js';
import {
  ATTESTATION_TAGS,
  expiryAttestationDigest,
  fillAttestationDigest,
  signAttestation,
} from './attestations.js';
import { deriveBridgeAttester } from './bridgeAttester.js';
import { relayHashOf } from './readDeposits.js';
import { type IntentBridge, startIntentBridge } from './startIntentBridge.js';

/** The custom error a simulated call reverts with, or 'ok'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const revert =
      error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName)
      return revert.data.errorName;
    throw error;
  }
}

// The local intent bridge's contract (IntentSpokePool on both anvils) and its relayer/attester
// service: escrow, fill once before the deadline, attested repayment, expiry refund.
describe('IntentSpokePool and the bridge service', () => {
  let world: World;
  let bridge: IntentBridge | undefined;
  before(async () => {
    world = await startWorld({ descriptorPath: null });
  });
  after(async () => {
    await bridge?.stop();
    await world?.stop();
  });
  beforeEach(async () => {
    await world.reset();
  });
  afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
  });

  const attester = () => deriveBridgeAttester(world.descriptor.mnemonic);
  const depositor = () => privateKeyToAccount(world.accounts.searcher.privateKey);
  const relayer = () => privateKeyToAccount(world.accounts.relayer.privateKey);
  const weth = (chain: 'main' | 'remote') => world.descriptor.chains[chain].tokens.weth.address;
  const spoke = (chain: 'main' | 'remote') => world.descriptor.chains[chain].bridge.spokePool;
  const balance = (chain: 'main' | 'remote', owner: Address) =>
    world.chains[chain].clients.public.readContract({
      address: weth(chain),
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [owner],
    });
  const write = async (
    chain: 'main' | 'remote',
    account: ReturnType<typeof depositor>,
    call: Record<string, unknown>,
  ) => {
    const client = world.chains[chain].clients;
    const { request } = await client.public.simulateContract({ account, ...call } as never);
    const hash = await client.wallet(account).writeContract(request as never);
    return client.public.waitForTransactionReceipt({ hash });
  };
  const simulate = (
    chain: 'main' | 'remote',
    account: ReturnType<typeof depositor>,
    call: Record<string, unknown>,
  ) => world.chains[chain].clients.public.simulateContract({ account, ...call } as never);

  /** A plain deposit main → remote of `amount` WETH from the searcher, to the searcher, `feeBps` fee. */
  const deposit = async (p: { amount: bigint; feeBps?: number; deadlineSeconds?: number }) => {
    const account = depositor();
    await write('main', account, {
      address: weth('main'),
      abi: erc20Abi,
      functionName: 'approve',
      args: [spoke('main'), maxUint256],
    });
    const fillDeadline = Math.floor(Date.now() / 1000) + (p.deadlineSeconds ?? 60);
    const receipt = await write('main', account, {
      address: spoke('main'),
      abi: intentSpokePoolAbi,
      functionName: 'deposit',
      args: [
        account.address,
        account.address,
        weth('main'),
        weth('remote'),
        p.amount,
        bridgedAmountAfterFee(p.amount, p.feeBps ?? 5),
        BigInt(world.descriptor.chains.remote.chainId),
        fillDeadline,
        '0x',
      ],
    });
    const [event] = parseEventLogs({
      abi: intentSpokePoolAbi,
      eventName: 'FundsDeposited',
      logs: receipt.logs,
    });
    assert.ok(event);
    return { relayHash: event.args.relayHash, relay: event.args.relay as RelayData };
  };

  it('behavior: the attestation tags and relay hash agree with the contract', async () => {
    const read = (functionName: 'FILL_ATTESTATION' | 'EXPIRY_ATTESTATION' | 'attester') =>
      world.chains.main.clients.public.readContract({
        address: spoke('main'),
        abi: intentSpokePoolAbi,
        functionName,
      });
    assert.equal(await read('FILL_ATTESTATION'), ATTESTATION_TAGS.fill);
    assert.equal(await read('EXPIRY_ATTESTATION'), ATTESTATION_TAGS.expiry);
    assert.equal(await read('attester'), attester().address);
    const { relayHash, relay } = await deposit({ amount: parseEther('1') });
    assert.equal(relayHashOf(relay), relayHash);
  });

  it('behavior: escrow, one fill before the deadline, repayment on the attester’s proof, nothing twice', async () => {
    const amount = parseEther('10');
    const { relayHash, relay } = await deposit({ amount });
    assert.equal(await balance('main', spoke('main')), amount, 'escrowed on the origin');
    const recipientBefore = await balance('remote', relay.recipient);
    await write('remote', relayer(), {
      address: spoke('remote'),
      abi: intentSpokePoolAbi,
      functionName: 'fillRelay',
      args: [relay],
    });
    assert.equal(await balance('remote', relay.recipient), recipientBefore + relay.outputAmount);
    const fillAgain = {
      address: spoke('remote'),
      abi: intentSpokePoolAbi,
      functionName: 'fillRelay',
      args: [relay],
    };
    assert.equal(await outcome(simulate('remote', relayer(), fillAgain)), 'AlreadyFilled');

    const claimArgs = async (key: Hex, who: Address) => [
      relay,
      who,
      await signAttestation(
        key,
        fillAttestationDigest({ spokePool: spoke('main'), relayHash, relayer: who }),
      ),
    ];
    const claim = (args: unknown[]) => ({
      address: spoke('main'),
      abi: intentSpokePoolAbi,
      functionName: 'claimRepayment',
      args,
    });
    // Signed by anyone but the attester, or for another relayer: refused.
    const forged = await claimArgs(world.accounts.searcher.privateKey, relayer().address);
    assert.equal(await outcome(simulate('main', relayer(), claim(forged))), 'BadAttestation');
    const relayerBefore = await balance('main', relayer().address);
    await write('main', relayer(), claim(await claimArgs(attester().privateKey, relayer().address)));
    assert.equal(await balance('main', relayer().address), relayerBefore + amount);
    assert.equal(await balance('main', spoke('main')), 0n);
    const again = claim(await claimArgs(attester().privateKey, relayer().address));
    assert.equal(await outcome(simulate('main', relayer(), again)), 'DepositSettled');
    const refund = {
      address: spoke('main'),
      abi: intentSpokePoolAbi,
      functionName: 'refundExpired',
      args: [
        relay,
        await signAttestation(
          attester().privateKey,
          expiryAttestationDigest({ spokePool: spoke('main'), relayHash }),
        ),
      ],
    };
    assert.equal(await outcome(simulate('main', relayer(), refund)), 'DepositSettled');
  });

  it('error: malformed deposits, late or misdirected fills and unknown deposits are refused by name', async () => {
    const account = depositor();
    const now = Math.floor(Date.now() / 1000);
    // Deadlines in the past are given as 1 (1970): after a snapshot revert a chain's clock may lag the wall clock.
    const base = [account.address, account.address, weth('main'), weth('remote')] as const;
    const remoteId = BigInt(world.descriptor.chains.remote.chainId);
    const dep = (amounts: [bigint, bigint], chainId: bigint, deadline: number) => ({
      address: spoke('main'),
      abi: intentSpokePoolAbi as Abi,
      functionName: 'deposit',
      args: [...base, ...amounts, chainId, deadline, '0x'],
    });
    const one = parseEther('1');
    assert.equal(await outcome(simulate('main', account, dep([0n, 0n], remoteId, now + 60))), 'ZeroAmount');
    assert.equal(
      await outcome(simulate('main', account, dep([one, one + 1n], remoteId, now + 60))),
      'OutputAboveInput',
    );
    assert.equal(await outcome(simulate('main', account, dep([one, one], 31337n, now + 60))), 'SameChain');
    assert.equal(
      await outcome(simulate('main', account, dep([one, one], remoteId, 1))),
      'InvalidFillDeadline',
    );

    const { relay } = await deposit({ amount: one });
    const fill = (r: RelayData, on: 'main' | 'remote' = 'remote') => ({
      address: spoke(on),
      abi: intentSpokePoolAbi,
      functionName: 'fillRelay',
      args: [r],
    });
    assert.equal(
      await outcome(simulate('main', relayer(), fill(relay, 'main'))),
      'WrongChain',
      'a fill on the origin',
    );
    assert.equal(
      await outcome(simulate('remote', relayer(), fill({ ...relay, fillDeadline: 1 }))),
      'FillExpired',
    );
    const unknown = { ...relay, depositId: 99 };
    const hash = relayHashOf(unknown);
    const claim = {
      address: spoke('main'),
      abi: intentSpokePoolAbi,
      functionName: 'claimRepayment',
      args: [
        unknown,
        relayer().address,
        await signAttestation(
          attester().privateKey,
          fillAttestationDigest({ spokePool: spoke('main'), relayHash: hash, relayer: relayer().address }),
        ),
      ],
    };
    assert.equal(await outcome(simulate('main', relayer(), claim)), 'UnknownDeposit');
  });

  it('behavior: the service declines a fee below its minimum and a destination action below its minimum, and refunds both after the deadline', async (t) => {
    await world.chains.remote.blocks.setMode({ mode: 'manual', intervalMs: 200 });
    bridge = startIntentBridge({
      chains: [world.chains.main, world.chains.remote],
      relayer: world.accounts.relayer,
      attester: attester(),
      latencyMs: 50,
      minFeeBps: 5,
      pollIntervalMs: 20,
    });
    try {
      const lowFee = await deposit({ amount: parseEther('2'), feeBps: 1, deadlineSeconds: 2 });

      // A bridged hedge leg whose destination swap cannot meet its minimum: the fill would revert.
      const main = world.chains.main;
      const pool = world.descriptor.chains.remote.pools[0];
      assert.ok(pool);
      const now = Math.floor(Date.now() / 1000);
      const vault = world.accounts.vault.address;
      const sellAmount = parseEther('1');
      const call = bridgeOutCalldata({
        executor: main.descriptor.executor.address,
        leg: {
          intent: {
            vault,
            sellToken: weth('main'),
            buyToken: main.descriptor.tokens.usd.address,
            sellAmount,
            minBuyAmount: 10_000_000_000n,
            deadline: now + 60,
            nonce: 0n,
            partialFill: false,
          },
          intentHash: keccak256(stringToHex('a leg whose minimum is out of reach')),
          legIndex: 0,
          leg: {
            candidateId: `cross-chain:31338:${pool.address.toLowerCase()}`,
            venue: 'cross-chain',
            liquiditySource: 'test',
            sellAmount,
            // 10,000 USDC for 1 WETH: no pool pays that.
            quote: { minBuyAmount: 10_000_000_000n } as never,
            cost: {} as never,
          },
          arrivalMidBuyAmount: 0n,
        },
        originChainId: main.descriptor.chainId,
        destinationChainId: world.descriptor.chains.remote.chainId,
        pool: { address: pool.address, fee: pool.fee, token0: pool.token0, token1: pool.token1 },
        destinationSellToken: weth('remote'),
        destinationBuyToken: world.descriptor.chains.remote.tokens.usd.address,
        bridgeFeeBps: 5,
        fillDeadline: now + 2,
        returnFillDeadline: now + 60,
      });
      const operator = privateKeyToAccount(world.accounts.executor.privateKey);
      const wethBefore = await balance('main', vault);
      const hash = await main.clients.wallet(operator).sendTransaction({ to: call.to, data: call.data });
      const receipt = await main.clients.public.waitForTransactionReceipt({ hash });
      const [bridged] = parseEventLogs({
        abi: intentSpokePoolAbi,
        eventName: 'FundsDeposited',
        logs: receipt.logs,
      });
      assert.ok(bridged);
      assert.equal(await balance('main', vault), wethBefore - sellAmount);

      const declinedFee = await bridge.waitFor(lowFee.relayHash, 'declined');
      const declinedMin = await bridge.waitFor(bridged.args.relayHash, 'declined');
      t.diagnostic(`low fee: ${declinedFee.kind === 'declined' ? declinedFee.reason : ''}`);
      t.diagnostic(
        `out-of-reach minimum: ${declinedMin.kind === 'declined' ? declinedMin.reason.slice(0, 80) : ''}`,
      );
      assert.ok(declinedFee.kind === 'declined' && /below 5 bps/.test(declinedFee.reason));
      assert.ok(declinedMin.kind === 'declined' && /BelowMinimum/.test(declinedMin.reason));
      await bridge.waitFor(lowFee.relayHash, 'refunded', 10_000);
      await bridge.waitFor(bridged.args.relayHash, 'refunded', 10_000);
      assert.equal(await balance('main', vault), wethBefore, 'the vault got its sell amount back');
      assert.equal(await balance('main', spoke('main')), 0n);
    } finally {
      await world.chains.remote.blocks.setMode({ mode: 'auto' });
    }
  });
});
