import { erc20Abi } from '@hedge-router/solvers';
import {
  type Address,
  getAddress,
  type Hex,
  hashTypedData,
  isAddress,
  keccak256,
  type PublicClient,
  parseAbi,
  recoverAddress,
  recoverMessageAddress,
  stringToHex,
  zeroAddress,
} from 'viem';
import { OrderbookError } from './orderbookError.js';
import {
  GPV2_ORDER_TYPES,
  type GPv2OrderData,
  gpv2Domain,
  gpv2OrderMessage,
  orderUid,
  type SigningScheme,
} from './orderModel.js';

/** What validation needs to know about the chain and the book's policy. */
export type OrderValidationContext = {
  client: PublicClient;
  chainId: number;
  settlement: Address;
  vaultRelayer: Address;
  nowSeconds: number;
  /** Orders must stay valid at least this long after they are posted (seconds). */
  minValiditySeconds: number;
  /** And at most this long (seconds). */
  maxValiditySeconds: number;
};

/** A posted order that passed every check. */
export type ValidOrder = {
  uid: Hex;
  owner: Address;
  data: GPv2OrderData;
  signingScheme: SigningScheme;
  signature: Hex;
  fullAppData: string | null;
  quoteId: number | null;
};

const eip1271Abi = parseAbi([
  'function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)',
]);
const EIP1271_MAGIC = '0x1626ba7e';
const UINT256_MAX = 2n ** 256n - 1n;

const bad = (errorType: string, description: string) => new OrderbookError(400, errorType, description);

function field(body: Record<string, unknown>, name: string): unknown {
  return body[name];
}

function addressField(body: Record<string, unknown>, name: string, optional = false): Address | undefined {
  const v = field(body, name);
  if ((v === undefined || v === null) && optional) return undefined;
  if (typeof v !== 'string' || !isAddress(v, { strict: false }))
    throw bad('MalformedRequest', `${name}: expected a 20-byte hex address`);
  return getAddress(v);
}

function amountField(body: Record<string, unknown>, name: string): bigint {
  const v = field(body, name);
  if (typeof v !== 'string' || !/^(0|[1-9][0-9]*)$/.test(v))
    throw bad('MalformedRequest', `${name}: expected a decimal string of a uint256`);
  const n = BigInt(v);
  if (n > UINT256_MAX) throw bad('MalformedRequest', `${name}: larger than a uint256`);
  return n;
}

/**
 * Parses and validates a POST /api/v1/orders body the way the real orderbook does, in its order:
 * shape, amounts, tokens, validity window, app data, signature (EIP-712 or eth_sign recovered;
 * EIP-1271 asked of the owner contract; pre-sign read from the settlement), `from`, then the
 * owner's balance and allowance to the vault relayer. Throws an OrderbookError with the real
 * errorType (ZeroAmount, SameBuyAndSellToken, InsufficientValidTo, ExcessiveValidTo,
 * AppDataHashMismatch, InvalidSignature, InvalidEip1271Signature, WrongOwner, MissingFrom,
 * InsufficientBalance, InsufficientAllowance, Unsupported…).
 */
export async function parseOrderCreation(ctx: OrderValidationContext, raw: unknown): Promise<ValidOrder> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw bad('MalformedRequest', 'body: expected a JSON object (OrderCreation)');
  const body = raw as Record<string, unknown>;
  const sellToken = addressField(body, 'sellToken') as Address;
  const buyToken = addressField(body, 'buyToken') as Address;
  const receiver = addressField(body, 'receiver', true) ?? zeroAddress;
  const sellAmount = amountField(body, 'sellAmount');
  const buyAmount = amountField(body, 'buyAmount');
  const feeAmount = amountField(body, 'feeAmount');
  const validTo = field(body, 'validTo');
  if (typeof validTo !== 'number' || !Number.isInteger(validTo) || validTo < 0 || validTo > 0xffffffff)
    throw bad('MalformedRequest', 'validTo: expected a uint32 unix timestamp');
  const kind = field(body, 'kind');
  if (kind !== 'sell' && kind !== 'buy') throw bad('MalformedRequest', 'kind: expected "sell" or "buy"');
  const partiallyFillable = field(body, 'partiallyFillable');
  if (typeof partiallyFillable !== 'boolean')
    throw bad('MalformedRequest', 'partiallyFillable: expected a boolean');
  const sellTokenBalance = field(body, 'sellTokenBalance') ?? 'erc20';
  if (sellTokenBalance !== 'erc20')
    throw bad(
      'UnsupportedSellTokenSource',
      `sellTokenBalance: only erc20 is served here, got ${sellTokenBalance}`,
    );
  const buyTokenBalance = field(body, 'buyTokenBalance') ?? 'erc20';
  if (buyTokenBalance !== 'erc20')
    throw bad(
      'UnsupportedBuyTokenDestination',
      `buyTokenBalance: only erc20 is served here, got ${buyTokenBalance}`,
    );
  const signingScheme = field(body, 'signingScheme');
  if (
    signingScheme !== 'eip712' &&
    signingScheme !== 'ethsign' &&
    signingScheme !== 'eip1271' &&
    signingScheme !== 'presign'
  )
    throw bad('MalformedRequest', 'signingScheme: expected eip712, ethsign, eip1271 or presign');
  const signature = field(body, 'signature');
  if (typeof signature !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(signature))
    throw bad('MalformedRequest', 'signature: expected 0x-prefixed hex bytes');
  const from = addressField(body, 'from', true);

  if (sellAmount === 0n || buyAmount === 0n)
    throw bad('ZeroAmount', 'sellAmount and buyAmount must be positive');
  if (sellAmount + feeAmount > UINT256_MAX)
    throw bad('SellAmountOverflow', 'sellAmount + feeAmount overflows');
  if (sellToken === buyToken) throw bad('SameBuyAndSellToken', 'sellToken and buyToken are the same token');
  if (validTo < ctx.nowSeconds + ctx.minValiditySeconds)
    throw bad(
      'InsufficientValidTo',
      `validTo ${validTo} is before now + ${ctx.minValiditySeconds} s (${ctx.nowSeconds + ctx.minValiditySeconds})`,
    );
  if (validTo > ctx.nowSeconds + ctx.maxValiditySeconds)
    throw bad('ExcessiveValidTo', `validTo ${validTo} is more than ${ctx.maxValiditySeconds} s ahead`);

  // appData: the 32-byte hash, or the full JSON document whose keccak256 is the signed hash.
  const appDataField = field(body, 'appData');
  let appData: Hex;
  let fullAppData: string | null = null;
  if (typeof appDataField === 'string' && /^0x[0-9a-fA-F]{64}$/.test(appDataField))
    appData = appDataField as Hex;
  else if (typeof appDataField === 'string') {
    try {
      JSON.parse(appDataField);
    } catch {
      throw bad('InvalidAppData', 'appData: neither a bytes32 hash nor a JSON document');
    }
    fullAppData = appDataField;
    appData = keccak256(stringToHex(appDataField));
    const declared = field(body, 'appDataHash');
    if (
      declared !== undefined &&
      declared !== null &&
      String(declared).toLowerCase() !== appData.toLowerCase()
    )
      throw bad(
        'AppDataHashMismatch',
        `appDataHash ${String(declared)} is not keccak256(appData) ${appData}`,
      );
  } else throw bad('MalformedRequest', 'appData: expected a bytes32 hash or a JSON string');

  const data: GPv2OrderData = {
    sellToken,
    buyToken,
    receiver,
    sellAmount,
    buyAmount,
    validTo,
    appData,
    feeAmount,
    kind,
    partiallyFillable,
    sellTokenBalance: 'erc20',
    buyTokenBalance: 'erc20',
  };
  const digest = hashTypedData({
    domain: gpv2Domain(ctx.chainId, ctx.settlement),
    types: GPV2_ORDER_TYPES,
    primaryType: 'Order',
    message: gpv2OrderMessage(data),
  });
  const owner = await recoverOwner(ctx, signingScheme, signature as Hex, digest, from);
  if (from && from !== owner)
    throw bad('WrongOwner', `from ${from} is not the signer ${owner} recovered from the signature`);
  const uid = orderUid(digest, owner, validTo);

  const [balance, allowance] = await Promise.all([
    ctx.client.readContract({ address: sellToken, abi: erc20Abi, functionName: 'balanceOf', args: [owner] }),
    ctx.client.readContract({
      address: sellToken,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [owner, ctx.vaultRelayer],
    }),
  ]);
  const needed = sellAmount + feeAmount;
  if (balance < needed)
    throw bad(
      'InsufficientBalance',
      `owner ${owner} holds ${balance} of ${sellToken}, the order sells ${needed}`,
    );
  if (allowance < needed)
    throw bad(
      'InsufficientAllowance',
      `owner ${owner} allows the vault relayer ${allowance} of ${sellToken}, the order sells ${needed}`,
    );
  const quoteId = field(body, 'quoteId');
  return {
    uid,
    owner,
    data,
    signingScheme,
    signature: signature as Hex,
    fullAppData,
    quoteId: typeof quoteId === 'number' ? quoteId : null,
  };
}

async function recoverOwner(
  ctx: OrderValidationContext,
  scheme: SigningScheme,
  signature: Hex,
  digest: Hex,
  from: Address | undefined,
): Promise<Address> {
  if (scheme === 'eip712' || scheme === 'ethsign') {
    if (signature.length !== 132) throw bad('InvalidSignature', 'signature: an ECDSA signature is 65 bytes');
    try {
      return scheme === 'eip712'
        ? await recoverAddress({ hash: digest, signature })
        : await recoverMessageAddress({ message: { raw: digest }, signature });
    } catch {
      throw bad('InvalidSignature', 'signature: not a valid ECDSA signature of the order digest');
    }
  }
  // Contract orders name their owner in `from` (the real API: MissingFrom otherwise).
  if (!from) throw bad('MissingFrom', `from: required for ${scheme} orders`);
  if (scheme === 'eip1271') {
    const result = await ctx.client
      .readContract({
        address: from,
        abi: eip1271Abi,
        functionName: 'isValidSignature',
        args: [digest, signature],
      })
      .catch(() => undefined);
    if (result !== EIP1271_MAGIC)
      throw bad('InvalidEip1271Signature', `owner ${from}: isValidSignature did not return the magic value`);
    return from;
  }
  return from;
}

/** Whether a pre-signed order is signed on the settlement (GPv2Signing.preSignature(uid) != 0). */
export async function isPreSigned(client: PublicClient, settlement: Address, uid: Hex): Promise<boolean> {
  const value = await client.readContract({
    address: settlement,
    abi: parseAbi(['function preSignature(bytes) view returns (uint256)']),
    functionName: 'preSignature',
    args: [uid],
  });
  return value !== 0n;
}
