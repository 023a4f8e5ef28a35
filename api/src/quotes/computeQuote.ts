import { knownToken, quoteIntent, type Venue } from '@hedge-router/solvers';
import { type Address, getAddress, type Hex, keccak256, stringToHex } from 'viem';
import type { ChainContext } from '../chain/createChainContext.js';
import type { Config } from '../config/loadConfig.js';
import { ApiError } from '../errors/apiErrors.js';
import type { QuoteBody } from './quoteBodyFastPath.js';
import { quoteResponseJson } from './quoteResponseJson.js';

/** What a quote needs: the chain, the venues, the defaults and a clock (no ledger, no HTTP). */
export type QuoteDeps = {
  config: Pick<Config, 'DEFAULT_RISK_AVERSION_PER_USD' | 'DEFAULT_ANNUAL_VOLATILITY'>;
  chain: ChainContext;
  venues: readonly Venue[];
  clock: () => Date;
};

/** A quote's answer: the 200 body as JSON text, and the outcome counted in the metrics. */
export type QuoteResult = { json: string; outcome: string };

/**
 * A distinct placeholder intent hash per quote (a quote is never signed or submitted, so no leg
 * id derived from it reaches the chain): this thread's random prefix and a counter, instead of
 * hashing each request.
 */
function quoteHashes(): () => Hex {
  const prefix = keccak256(stringToHex(`quote:${process.pid}:${Date.now()}:${Math.random()}`)).slice(0, 50);
  let next = 0n;
  return () => `${prefix}${(next++).toString(16).padStart(16, '0')}` as Hex;
}

/**
 * Checksummed addresses of the vaults seen lately (a checksum is a keccak of the address):
 * bounded, so arbitrary addresses in requests cannot grow it.
 */
function checksumCache(limit = 1024): (address: string) => Address {
  const known = new Map<string, Address>();
  return (address) => {
    let checksummed = known.get(address);
    if (checksummed === undefined) {
      checksummed = getAddress(address);
      if (known.size >= limit) known.clear();
      known.set(address, checksummed);
    }
    return checksummed;
  };
}

/**
 * The quote computation of `POST /v1/quotes` for a validated body: the same code on the event
 * loop and in the quote worker threads. Throws ApiError (422) for a body the chain cannot serve,
 * and lets the router's typed errors through; a route the router cannot find is an answer
 * (`best: null` with the error), not a failure.
 */
export function createQuoteComputer(deps: QuoteDeps): (body: QuoteBody) => Promise<QuoteResult> {
  const nextQuoteHash = quoteHashes();
  const checksummed = checksumCache();
  return async (body) => {
    if (body.chainId !== deps.chain.chainId) {
      throw new ApiError('UNPROCESSABLE', `this router serves chain ${deps.chain.chainId}`, 'chainId');
    }
    const sell = knownToken(deps.chain, body.sellToken);
    const buy = knownToken(deps.chain, body.buyToken);
    if (!sell) throw new ApiError('UNPROCESSABLE', 'unknown token on this chain', 'sellToken');
    if (!buy) throw new ApiError('UNPROCESSABLE', 'unknown token on this chain', 'buyToken');
    if (sell.address === buy.address)
      throw new ApiError('UNPROCESSABLE', 'must differ from sellToken', 'buyToken');
    const unknownVenues = (body.venues ?? []).filter((name) => !deps.venues.some((v) => v.name === name));
    if (unknownVenues.length > 0)
      throw new ApiError(
        'UNPROCESSABLE',
        `no venue named ${unknownVenues.join(', ')} on this router (it has ${deps.venues.map((v) => v.name).join(', ')})`,
        'venues',
      );
    // The engine's quote use case: one rule for the provisional intent and the limit it assumes.
    const decision = await quoteIntent(deps, {
      vault: checksummed(body.vault ?? deps.chain.executor),
      sellToken: sell.address,
      buyToken: buy.address,
      sellAmount: BigInt(body.sellAmount),
      maxSlippageBps: body.maxSlippageBps,
      intentHash: nextQuoteHash(),
      nowSeconds: Math.floor(deps.clock().getTime() / 1000),
      riskAversionPerUsd: body.riskAversionPerUsd ?? deps.config.DEFAULT_RISK_AVERSION_PER_USD,
      annualVolatility: deps.config.DEFAULT_ANNUAL_VOLATILITY,
      venueAllowList: body.venues,
    });
    return {
      // quoteResponseJson: the same text as JSON.stringify(quoteResponseBody(...)).
      json: quoteResponseJson(decision, deps.chain.chainId, body.sellAmount),
      outcome: decision.plan?.legs[0]?.venue ?? decision.error?.code ?? 'none',
    };
  };
}
