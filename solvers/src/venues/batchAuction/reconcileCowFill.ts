import { HedgeRouterError } from '@hedge-router/router';
import { type Address, decodeEventLog, type Hex, type PublicClient, parseAbi } from 'viem';
import { erc20Abi } from '../../chain/abis.js';
import type { LegReconciliation } from '../../reconcile/reconcileLeg.js';

const settlementEvents = parseAbi([
  'event Trade(address indexed owner, address sellToken, address buyToken, uint256 sellAmount, uint256 buyAmount, uint256 feeAmount, bytes orderUid)',
]);

const bps = (shortfall: bigint, reference: bigint) =>
  reference === 0n ? 0 : (Number(shortfall) / Number(reference)) * 10_000;

/**
 * Reconciles a batch-auction fill against the chain: the realised amounts from the settlement's
 * `Trade` event for the order uid, the operator's gas from the placement transaction, and the
 * vault's balances: the sell token left it across the placement block, the buy token arrived
 * across the settlement block, each by exactly the recorded amount (assuming, as for every
 * venue, that only its hedges move the vault's balances in those blocks).
 */
export async function reconcileCowFill(
  client: PublicClient,
  params: {
    settlement: Address;
    settlementTxHash: Hex;
    placementTxHash: Hex;
    orderUid: Hex;
    vault: Address;
    sellToken: Address;
    buyToken: Address;
    quotedBuyAmount: bigint;
    arrivalMidBuyAmount: bigint;
  },
): Promise<Extract<LegReconciliation, { status: 'filled' }>> {
  const [settlement, placement] = await Promise.all([
    client.getTransactionReceipt({ hash: params.settlementTxHash }),
    client.getTransactionReceipt({ hash: params.placementTxHash }),
  ]);
  const trade = settlement.logs
    .filter((log) => log.address.toLowerCase() === params.settlement.toLowerCase())
    .map((log) => {
      try {
        return decodeEventLog({ abi: settlementEvents, data: log.data, topics: log.topics });
      } catch {
        return undefined;
      }
    })
    .find((e) => e?.eventName === 'Trade' && e.args.orderUid.toLowerCase() === params.orderUid.toLowerCase());
  if (!trade)
    throw new HedgeRouterError('UPSTREAM_FAILED', {
      shortMessage: `settlement ${params.settlementTxHash} has no Trade for order ${params.orderUid}`,
    });
  const { sellAmount, buyAmount, feeAmount } = trade.args;
  const at = (token: Address, block: bigint) =>
    client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [params.vault],
      blockNumber: block,
    });
  const [sellBefore, sellAfter, buyBefore, buyAfter] = await Promise.all([
    at(params.sellToken, placement.blockNumber - 1n),
    at(params.sellToken, placement.blockNumber),
    at(params.buyToken, settlement.blockNumber - 1n),
    at(params.buyToken, settlement.blockNumber),
  ]);
  const balanceDeltas = { sell: sellAfter - sellBefore, buy: buyAfter - buyBefore };
  return {
    status: 'filled',
    txHash: params.settlementTxHash,
    blockNumber: settlement.blockNumber,
    sellAmount,
    buyAmount,
    gasUsed: placement.gasUsed,
    gasCostWei: placement.gasUsed * placement.effectiveGasPrice,
    slippageVsQuoteBps: bps(params.quotedBuyAmount - buyAmount, params.quotedBuyAmount),
    slippageVsMidBps: bps(params.arrivalMidBuyAmount - buyAmount, params.arrivalMidBuyAmount),
    // Orders never reach the public mempool and settle at a uniform price: nothing to sandwich.
    sandwich: { detected: false },
    balanceDeltas,
    balancesMatch: balanceDeltas.sell === -sellAmount && balanceDeltas.buy === buyAmount,
    order: {
      uid: params.orderUid,
      placementTxHash: params.placementTxHash,
      placementBlockNumber: placement.blockNumber,
      feeInSell: feeAmount,
    },
  };
}
