import { readV3PoolState } from '@hedge-router/solvers';
import {
  type Account,
  type Address,
  type Chain,
  decodeEventLog,
  type Hex,
  type PublicClient,
  parseAbi,
  type Transport,
  type WalletClient,
} from 'viem';
import { loadArtifact } from '../world/artifacts.js';
import { encodeSettlement } from './encodeSettlement.js';
import type { StoredOrder, TradeRecord } from './orderModel.js';
import { isPreSigned } from './parseOrderCreation.js';
import { type PairSolution, type SettlementGasModel, type SolverOrder, solveBatch } from './solveBatch.js';

/** What an auction needs: the chain, the solver key, the liquidity it may use, the fee policy. */
export type AuctionContext = {
  client: PublicClient;
  solver: WalletClient<Transport, Chain, Account>;
  settlement: Address;
  vaultRelayer: Address;
  swapRouter: Address;
  wrappedNative: Address;
  pools: readonly { address: Address; fee: number; token0: Address; token1: Address }[];
  protocolFeeBps: number;
  priorityFeeWei: bigint;
  gas?: SettlementGasModel;
};

/** What one auction did, for logs and tests. */
export type AuctionReport = {
  auctionId: number;
  /** Chain time the auction ran at (unix seconds). */
  atSeconds: number;
  orderUids: Hex[];
  pairs: PairSolution[];
  skipped: { uid: Hex; reason: string }[];
  settlement?: { txHash: Hex; status: 'success' | 'reverted'; gasUsed: bigint };
  /** Why nothing was settled, if nothing was. */
  idleReason?: string;
};

const eip1271Abi = parseAbi([
  'function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)',
]);
const filledAbi = parseAbi(['function filledAmount(bytes) view returns (uint256)']);
const erc20Reads = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function allowance(address, address) view returns (uint256)',
]);
const INVALIDATED = 2n ** 256n - 1n;

/**
 * Runs one batch auction over the book: expires orders past validTo (chain time), marks orders
 * invalidated on chain as cancelled, leaves out orders whose signature (EIP-1271 re-asked, as
 * CoW's autopilot does every auction), pre-signature, balance or allowance no longer holds,
 * solves the rest with `solveBatch`, simulates and sends settle() from the allow-listed solver,
 * and records the trades from the settlement's Trade events. Order states move open → scheduled
 * → active → solved → executing → traded; orders not settled go back to open.
 */
export async function runAuction(
  ctx: AuctionContext,
  book: Map<Hex, StoredOrder>,
  trades: TradeRecord[],
  auctionId: number,
): Promise<AuctionReport> {
  const head = await ctx.client.getBlock({ blockTag: 'latest' });
  const now = Number(head.timestamp);
  const report: AuctionReport = { auctionId, atSeconds: now, orderUids: [], pairs: [], skipped: [] };
  const candidates: StoredOrder[] = [];
  for (const order of book.values()) {
    if (order.status !== 'open' && order.status !== 'presignaturePending') continue;
    // The next block is at least one second later: an order must still be valid then.
    if (order.data.validTo <= now) {
      order.status = 'expired';
      order.competition = 'expired';
      continue;
    }
    candidates.push(order);
  }
  const usable: StoredOrder[] = [];
  await Promise.all(
    candidates.map(async (order) => {
      const reason = await unusableReason(ctx, order);
      if (reason === 'invalidated') {
        order.status = 'cancelled';
        order.competition = 'cancelled';
        order.invalidated = true;
      } else if (reason) {
        order.lastSkipReason = reason;
        report.skipped.push({ uid: order.uid, reason });
      } else {
        if (order.status === 'presignaturePending') order.status = 'open';
        order.competition = 'scheduled';
        usable.push(order);
      }
    }),
  );
  const sellOrders = usable.filter((o) => o.data.kind === 'sell' && o.data.feeAmount === 0n);
  for (const o of usable)
    if (!sellOrders.includes(o)) {
      o.competition = 'open';
      o.lastSkipReason = 'only sell orders without a signed fee are solved by the local solver';
      report.skipped.push({ uid: o.uid, reason: o.lastSkipReason });
    }
  report.orderUids = sellOrders.map((o) => o.uid);
  if (sellOrders.length === 0) return { ...report, idleReason: 'no solvable orders' };
  for (const o of sellOrders) o.competition = 'active';
  const back = (orders: StoredOrder[], reason: string) => {
    for (const o of orders) {
      if (o.competition !== 'traded') o.competition = 'open';
      o.lastSkipReason = reason;
    }
  };

  const pools = await Promise.all(
    ctx.pools.map(async (p) => ({
      ...p,
      state: await readV3PoolState(ctx.client, p.address, { blockNumber: head.number }),
    })),
  );
  const gasPriceWei = (head.baseFeePerGas ?? 0n) + ctx.priorityFeeWei;
  const solution = solveBatch({
    orders: sellOrders.map(
      (o): SolverOrder => ({
        uid: o.uid,
        sellToken: o.data.sellToken,
        buyToken: o.data.buyToken,
        sellAmount: o.data.sellAmount,
        buyAmount: o.data.buyAmount,
      }),
    ),
    pools,
    gasPriceWei,
    wrappedNative: ctx.wrappedNative,
    protocolFeeBps: ctx.protocolFeeBps,
    ...(ctx.gas ? { gas: ctx.gas } : {}),
  });
  report.pairs = solution.pairs;
  report.skipped.push(...solution.skipped);
  for (const s of solution.skipped) {
    const o = book.get(s.uid);
    if (o) back([o], s.reason);
  }
  const settled = solution.pairs.flatMap((p) => p.trades.map((t) => book.get(t.uid) as StoredOrder));
  if (settled.length === 0) return { ...report, idleReason: 'no order can be settled at its limit' };
  for (const o of settled) o.competition = 'solved';

  const args = encodeSettlement({
    pairs: solution.pairs,
    orders: book,
    settlement: ctx.settlement,
    swapRouter: ctx.swapRouter,
    deadline: BigInt(now + 120),
  });
  const abi = loadArtifact('GPv2Settlement').abi;
  const request = {
    address: ctx.settlement,
    abi,
    functionName: 'settle',
    args: args as unknown as readonly unknown[],
    account: ctx.solver.account,
  } as const;
  try {
    await ctx.client.simulateContract(request);
  } catch (error) {
    const reason = `settlement simulation failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    back(settled, reason);
    return { ...report, idleReason: reason };
  }
  const gasUnits = solution.pairs.reduce((s, p) => s + p.gasUnits, 0n);
  for (const o of settled) o.competition = 'executing';
  const txHash = await ctx.solver.writeContract({
    ...request,
    chain: ctx.solver.chain,
    gas: (gasUnits * 2n > 400_000n ? gasUnits * 2n : 400_000n) + 100_000n,
    maxPriorityFeePerGas: ctx.priorityFeeWei,
    maxFeePerGas: (head.baseFeePerGas ?? 0n) * 2n + ctx.priorityFeeWei,
  });
  const receipt = await ctx.client.waitForTransactionReceipt({ hash: txHash, pollingInterval: 20 });
  report.settlement = { txHash, status: receipt.status, gasUsed: receipt.gasUsed };
  if (receipt.status !== 'success') {
    back(settled, `settlement ${txHash} reverted`);
    return report;
  }
  const protocolFees = new Map(
    solution.pairs.flatMap((p) => p.trades.map((t) => [t.uid, t.protocolFeeInBuy])),
  );
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== ctx.settlement.toLowerCase()) continue;
    const event = (() => {
      try {
        return decodeEventLog({ abi, data: log.data, topics: log.topics });
      } catch {
        return undefined;
      }
    })();
    if (event?.eventName !== 'Trade') continue;
    const a = event.args as unknown as {
      owner: Address;
      sellToken: Address;
      buyToken: Address;
      sellAmount: bigint;
      buyAmount: bigint;
      feeAmount: bigint;
      orderUid: Hex;
    };
    const order = book.get(a.orderUid.toLowerCase() as Hex);
    if (!order) continue;
    order.status = 'fulfilled';
    order.competition = 'traded';
    order.executedSellAmount += a.sellAmount;
    order.executedBuyAmount += a.buyAmount;
    order.executedFee += a.feeAmount;
    delete order.lastSkipReason;
    trades.push({
      blockNumber: Number(receipt.blockNumber),
      logIndex: log.logIndex ?? 0,
      orderUid: order.uid,
      owner: a.owner,
      sellToken: a.sellToken,
      buyToken: a.buyToken,
      sellAmount: a.sellAmount,
      sellAmountBeforeFees: a.sellAmount - a.feeAmount,
      buyAmount: a.buyAmount,
      txHash,
      protocolFeeInBuy: protocolFees.get(order.uid) ?? 0n,
    });
  }
  return report;
}

/** Why an open order cannot take part in this auction, 'invalidated' if cancelled on chain, or undefined. */
async function unusableReason(ctx: AuctionContext, order: StoredOrder): Promise<string | undefined> {
  const filled = await ctx.client.readContract({
    address: ctx.settlement,
    abi: filledAbi,
    functionName: 'filledAmount',
    args: [order.uid],
  });
  if (filled === INVALIDATED) return 'invalidated';
  if (filled !== 0n) return `already filled on chain (${filled})`;
  if (order.signingScheme === 'eip1271') {
    const digest = order.uid.slice(0, 66) as Hex;
    const ok = await ctx.client
      .readContract({
        address: order.owner,
        abi: eip1271Abi,
        functionName: 'isValidSignature',
        args: [digest, order.signature],
      })
      .catch(() => undefined);
    if (ok !== '0x1626ba7e') return 'EIP-1271 signature no longer valid';
  }
  if (order.signingScheme === 'presign' && !(await isPreSigned(ctx.client, ctx.settlement, order.uid)))
    return 'pre-signature not set';
  const [balance, allowance] = await Promise.all([
    ctx.client.readContract({
      address: order.data.sellToken,
      abi: erc20Reads,
      functionName: 'balanceOf',
      args: [order.owner],
    }),
    ctx.client.readContract({
      address: order.data.sellToken,
      abi: erc20Reads,
      functionName: 'allowance',
      args: [order.owner, ctx.vaultRelayer],
    }),
  ]);
  if (balance < order.data.sellAmount) return `owner balance ${balance} < sellAmount`;
  if (allowance < order.data.sellAmount) return `owner allowance ${allowance} < sellAmount`;
  return undefined;
}
