import { HedgeRouterError, type OptimalSandwichReturnType, optimalSandwich } from '@hedge-router/router';
import { erc20Abi, readV3PoolState, swapRouterAbi } from '@hedge-router/solvers';
import { type Address, formatTransaction, type Hex, maxUint256, type Transaction } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { NamedAccount } from '../world/accounts.js';
import type { WorldChain } from '../world/startWorld.js';
import { decodeVictimSwap, type VictimSwap } from './decodeVictimSwap.js';

export type SandwichAttack = {
  victimTx: Hex;
  frontRunTx: Hex;
  backRunTx: Hex;
  victim: VictimSwap;
  /** The router's exact optimal sandwich the searcher acted on. */
  plan: OptimalSandwichReturnType;
};

export type SandwichSearcher = {
  /** Attacks placed so far, in order. */
  attacks: SandwichAttack[];
  /** Pending swaps seen and left alone, with the reason. */
  skipped: { victimTx: Hex; reason: string }[];
  /** Resolves once the searcher has seen `victimTx` and attacked it or left it alone. */
  decision: (victimTx: Hex, timeoutMs?: number) => Promise<'attacked' | 'skipped'>;
  stop: () => Promise<void>;
};

export type StartSandwichSearcherParameters = {
  chain: WorldChain;
  account: NamedAccount;
  /** How often the public mempool is read. */
  pollIntervalMs?: number;
  /** Gas the searcher budgets per leg, for its cost (SwapRouter exactInputSingle ≈ 127k). */
  gasPerLeg?: bigint;
  /** How much above the victim's maxFeePerGas the front-run bids (wei per gas). */
  frontRunBidWei?: bigint;
};

const GAS_PER_LEG = 140_000n;
const FRONT_RUN_BID_WEI = 1_000_000_000n;
const Q192 = 2n ** 192n;

/**
 * An adversary for the local world: watches the public mempool (`txpool_content`) of a chain in
 * manual-block mode, and for each pending public swap computes the optimal sandwich with the
 * router's exact math on the pool's current state. When it nets a profit after its gas, it
 * places the front-run just above the victim's maxFeePerGas and the back-run just below (anvil
 * orders a block by maxFeePerGas), so the block reads front-run, victim, back-run.
 */
export async function startSandwichSearcher(
  params: StartSandwichSearcherParameters,
): Promise<SandwichSearcher> {
  const { chain } = params;
  const client = chain.clients.public;
  const descriptor = chain.descriptor;
  const account = privateKeyToAccount(params.account.privateKey);
  const wallet = chain.clients.wallet(account);
  const gasPerLeg = params.gasPerLeg ?? GAS_PER_LEG;
  const bid = params.frontRunBidWei ?? FRONT_RUN_BID_WEI;

  for (const token of [descriptor.tokens.weth.address, descriptor.tokens.usd.address]) {
    const hash = await wallet.writeContract({
      address: token,
      abi: erc20Abi,
      functionName: 'approve',
      args: [descriptor.uniswapV3.swapRouter, maxUint256],
    });
    // In manual mode the approvals wait for the next block like everything else.
    if (chain.blocks.mode().mode === 'manual') await chain.blocks.mine();
    await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  }

  const attacks: SandwichAttack[] = [];
  const skipped: SandwichSearcher['skipped'] = [];
  const seen = new Set<Hex>();
  const decided = new Map<Hex, 'attacked' | 'skipped'>();
  let stopped = false;

  // The searcher's cost in the victim's sell token: gas in wei is WETH base units one for one;
  // in USD it is converted at the pool's price (token1 per token0 = sqrtP² / 2^192).
  const costInSellToken = (victim: VictimSwap, sqrtPriceX96: bigint, gasWei: bigint): bigint => {
    if (victim.tokenIn.toLowerCase() === descriptor.tokens.weth.address.toLowerCase()) return gasWei;
    const wethIsToken0 = victim.pool.token0.toLowerCase() === descriptor.tokens.weth.address.toLowerCase();
    const priceSq = sqrtPriceX96 * sqrtPriceX96;
    return wethIsToken0 ? (gasWei * priceSq) / Q192 : (gasWei * Q192) / priceSq;
  };

  async function consider(tx: Transaction): Promise<void> {
    const victim = decodeVictimSwap(descriptor, { to: tx.to ?? null, input: tx.input });
    if (!victim) return;
    if (tx.from.toLowerCase() === account.address.toLowerCase()) return;
    const victimMaxFee = tx.maxFeePerGas ?? tx.gasPrice;
    if (victimMaxFee === undefined) return;
    const block = await client.getBlock({ blockTag: 'latest' });
    const baseFee = block.baseFeePerGas ?? 0n;
    const backRunFee = victimMaxFee - 1n;
    // The back-run must still clear the next block's base fee (it can rise 12.5% a block).
    if (backRunFee < (baseFee * 9n) / 8n + 1n) {
      skipped.push({
        victimTx: tx.hash,
        reason: 'victim bids too close to the base fee to fit a back-run behind it',
      });
      return;
    }
    const frontRunFee = victimMaxFee + bid;
    const state = await readV3PoolState(client, victim.pool.address, { blockNumber: block.number });
    const gasWei = gasPerLeg * (frontRunFee + backRunFee);
    const plan = optimalSandwich({
      pool: { kind: 'uniswap-v3', state },
      zeroForOne: victim.zeroForOne,
      victimAmountIn: victim.amountIn,
      victimMinAmountOut: victim.minAmountOut,
      searcherCost: costInSellToken(victim, state.sqrtPriceX96, gasWei),
    });
    if (!plan.profitable) {
      skipped.push({ victimTx: tx.hash, reason: `no profitable sandwich (net ${plan.netProfit})` });
      return;
    }
    const swap = (
      tokenIn: Address,
      tokenOut: Address,
      amountIn: bigint,
      amountOutMinimum: bigint,
      maxFeePerGas: bigint,
    ) =>
      wallet.writeContract({
        address: descriptor.uniswapV3.swapRouter,
        abi: swapRouterAbi,
        functionName: 'exactInputSingle',
        args: [
          {
            tokenIn,
            tokenOut,
            fee: victim.pool.fee,
            recipient: account.address,
            deadline: 2n ** 40n,
            amountIn,
            amountOutMinimum,
            sqrtPriceLimitX96: 0n,
          },
        ],
        gas: gasPerLeg * 2n,
        maxFeePerGas,
        maxPriorityFeePerGas: maxFeePerGas,
      });
    const frontRunTx = await swap(
      victim.tokenIn,
      victim.tokenOut,
      plan.frontRunAmountIn,
      plan.frontRunAmountOut,
      frontRunFee,
    );
    // The back-run sells what the front-run bought and must at least get the stake back.
    const backRunTx = await swap(
      victim.tokenOut,
      victim.tokenIn,
      plan.frontRunAmountOut,
      plan.frontRunAmountIn,
      backRunFee,
    );
    attacks.push({ victimTx: tx.hash, frontRunTx, backRunTx, victim, plan });
  }

  let inFlight: Promise<void> = Promise.resolve();
  const poll = async () => {
    // Read through BlockControl: a private bundle being built is never visible here.
    const content = await chain.blocks.txpoolContent();
    const pending = Object.values(content.pending)
      .flatMap((byNonce) => Object.values(byNonce))
      .filter((tx) => !seen.has(tx.hash));
    for (const tx of pending) {
      seen.add(tx.hash);
      const before = attacks.length;
      try {
        // txpool_content returns raw RPC transactions (hex quantities): format them as viem does.
        await consider(formatTransaction(tx as never) as Transaction);
      } catch (error) {
        skipped.push({
          victimTx: tx.hash,
          reason: `error: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      decided.set(tx.hash, attacks.length > before ? 'attacked' : 'skipped');
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    inFlight = inFlight.then(poll).catch(() => undefined);
  }, params.pollIntervalMs ?? 20);

  return {
    attacks,
    skipped,
    async decision(victimTx, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const d = decided.get(victimTx);
        if (d) return d;
        if (Date.now() > deadline)
          throw new HedgeRouterError('SIMULATION_FAILED', {
            shortMessage: `the searcher did not see ${victimTx} within ${timeoutMs} ms`,
          });
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
