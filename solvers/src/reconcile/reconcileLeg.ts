import { HedgeRouterError } from '@hedge-router/router';
import {
  type Address,
  decodeEventLog,
  getAddress,
  type Hex,
  type Log,
  type PublicClient,
  type TransactionReceipt,
} from 'viem';
import { erc20Abi, uniswapV3PoolAbi } from '../chain/abis.js';
import { hedgeExecutorAbi } from '../chain/executorAbi.js';

export type ReconcileLegParameters = {
  txHash: Hex;
  executor: Address;
  vault: Address;
  pool: Address;
  sellToken: Address;
  buyToken: Address;
  legId: Hex;
  /** What the route's quote expected the vault to receive (buy-token base units). */
  quotedBuyAmount: bigint;
  /** What the sell amount is worth at the arrival mid price, no impact or fees (buy-token base units). */
  arrivalMidBuyAmount: bigint;
};

export type SandwichFinding =
  | { detected: false }
  | {
      detected: true;
      /** The transactions on the same pool right before and after ours, from one sender. */
      frontRunTx: Hex;
      backRunTx: Hex;
      attacker: Address;
    };

export type LegReconciliation =
  | { status: 'reverted'; txHash: Hex; blockNumber: bigint; gasUsed: bigint; gasCostWei: bigint }
  | {
      status: 'filled';
      txHash: Hex;
      blockNumber: bigint;
      /** Sold by the vault and received by it, from the executor's event (base units). */
      sellAmount: bigint;
      buyAmount: bigint;
      gasUsed: bigint;
      gasCostWei: bigint;
      /** Realised output short of the quote, and of the arrival mid value, in bps (negative = better). */
      slippageVsQuoteBps: number;
      slippageVsMidBps: number;
      sandwich: SandwichFinding;
      /** The vault's balances moved across the block by exactly the recorded amounts. */
      balancesMatch: boolean;
      balanceDeltas: { sell: bigint; buy: bigint };
      /**
       * Batch-auction fills: the order, and the placement transaction that moved the sell amount
       * (then `txHash`/`blockNumber` are the settlement's, `gas…` the placement's, paid by the
       * operator; the settlement's gas is charged inside the order's price), with the fees the
       * settlement kept. The sell delta is measured across the placement block.
       */
      order?: { uid: Hex; placementTxHash: Hex; placementBlockNumber: bigint; feeInSell: bigint };
    };

const bps = (shortfall: bigint, reference: bigint) =>
  reference === 0n ? 0 : (Number(shortfall) / Number(reference)) * 10_000;

function sameAddress(a: string | null | undefined, b: string): boolean {
  return a?.toLowerCase() === b.toLowerCase();
}

/**
 * Reconciles one executed leg against the chain: reads the receipt and the executor's
 * `HedgeLegExecuted` event for the realised amounts, prices the slippage against the quote and
 * the arrival mid, looks for a sandwich (swaps on the same pool right before and after ours in
 * the block, sent by one address), and checks that the vault's balances moved across the block
 * by exactly the recorded amounts (assuming, as for a vault, that only its hedges move them).
 */
export async function reconcileLeg(
  client: PublicClient,
  params: ReconcileLegParameters,
): Promise<LegReconciliation> {
  const receipt: TransactionReceipt = await client.getTransactionReceipt({ hash: params.txHash });
  const gasCostWei = receipt.gasUsed * receipt.effectiveGasPrice;
  const base = {
    txHash: params.txHash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    gasCostWei,
  };
  if (receipt.status !== 'success') return { status: 'reverted', ...base };

  const executed = receipt.logs
    .filter((log) => sameAddress(log.address, params.executor))
    .map((log) => decodeEventLog({ abi: hedgeExecutorAbi, data: log.data, topics: log.topics }))
    .find((event) => event.eventName === 'HedgeLegExecuted' && event.args.legId === params.legId);
  if (executed?.eventName !== 'HedgeLegExecuted') {
    throw new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: `transaction ${params.txHash} succeeded but has no HedgeLegExecuted for leg ${params.legId}`,
    });
  }
  const { sellAmount, buyAmount } = executed.args;

  const [sandwich, balanceDeltas, expected] = await Promise.all([
    findSandwich(client, receipt, params.pool),
    vaultBalanceDeltas(client, params, receipt.blockNumber),
    expectedVaultDeltas(client, params, receipt.blockNumber),
  ]);
  return {
    status: 'filled',
    ...base,
    sellAmount,
    buyAmount,
    slippageVsQuoteBps: bps(params.quotedBuyAmount - buyAmount, params.quotedBuyAmount),
    slippageVsMidBps: bps(params.arrivalMidBuyAmount - buyAmount, params.arrivalMidBuyAmount),
    sandwich,
    balanceDeltas,
    // Against every leg the executor ran for the vault in the block, ours included: two fills in
    // one block move its balances by both (issue 15: each alone read as a mismatch).
    balancesMatch: balanceDeltas.sell === expected.sell && balanceDeltas.buy === expected.buy,
  };
}

/** What the executor's legs for the vault in the block should have moved its two balances by. */
async function expectedVaultDeltas(
  client: PublicClient,
  params: ReconcileLegParameters,
  blockNumber: bigint,
) {
  const events = await client.getContractEvents({
    address: params.executor,
    abi: hedgeExecutorAbi,
    eventName: 'HedgeLegExecuted',
    args: { vault: params.vault },
    fromBlock: blockNumber,
    toBlock: blockNumber,
  });
  let sell = 0n;
  let buy = 0n;
  for (const { args } of events) {
    if (!args.sellToken || !args.buyToken || args.sellAmount === undefined || args.buyAmount === undefined)
      continue;
    if (sameAddress(args.sellToken, params.sellToken)) sell -= args.sellAmount;
    if (sameAddress(args.buyToken, params.sellToken)) sell += args.buyAmount;
    if (sameAddress(args.sellToken, params.buyToken)) buy -= args.sellAmount;
    if (sameAddress(args.buyToken, params.buyToken)) buy += args.buyAmount;
  }
  return { sell, buy };
}

async function vaultBalanceDeltas(client: PublicClient, params: ReconcileLegParameters, blockNumber: bigint) {
  const at = (token: Address, block: bigint) =>
    client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [params.vault],
      blockNumber: block,
    });
  const [sellBefore, sellAfter, buyBefore, buyAfter] = await Promise.all([
    at(params.sellToken, blockNumber - 1n),
    at(params.sellToken, blockNumber),
    at(params.buyToken, blockNumber - 1n),
    at(params.buyToken, blockNumber),
  ]);
  return { sell: sellAfter - sellBefore, buy: buyAfter - buyBefore };
}

async function findSandwich(
  client: PublicClient,
  receipt: TransactionReceipt,
  pool: Address,
): Promise<SandwichFinding> {
  const swaps = (await client.getLogs({
    address: pool,
    event: uniswapV3PoolAbi.find((item) => item.type === 'event' && item.name === 'Swap') as never,
    blockHash: receipt.blockHash,
  })) as Log[];
  const txIndexes = [...new Set(swaps.map((log) => log.transactionIndex ?? -1))].sort((a, b) => a - b);
  const ours = txIndexes.indexOf(receipt.transactionIndex);
  if (ours <= 0 || ours === txIndexes.length - 1) return { detected: false };
  const before = txIndexes[ours - 1] as number;
  const after = txIndexes[ours + 1] as number;
  const block = await client.getBlock({ blockHash: receipt.blockHash, includeTransactions: true });
  const front = block.transactions[before];
  const back = block.transactions[after];
  if (!front || !back || !sameAddress(front.from, back.from)) return { detected: false };
  return { detected: true, frontRunTx: front.hash, backRunTx: back.hash, attacker: getAddress(front.from) };
}
