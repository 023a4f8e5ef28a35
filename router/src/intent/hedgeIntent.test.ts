import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  concat,
  encodeAbiParameters,
  getAddress,
  hashTypedData,
  parseAbiParameters,
  recoverTypedDataAddress,
  stringToHex,
  verifyTypedData,
  keccak256 as viemKeccak256,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { isHedgeRouterError } from '../errors/index.js';
import { hedgeIntentDomain, hedgeIntentTypedData, hedgeIntentTypes } from './hedgeIntentTypedData.js';
import { keccak256 } from './keccak256.js';
import { parseHedgeIntent } from './parseHedgeIntent.js';
import { serializeHedgeIntent } from './serializeHedgeIntent.js';
import { toChecksumAddress } from './toChecksumAddress.js';

// anvil's first default account (public test key)
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const WETH = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const wire = {
  vault: account.address,
  sellToken: WETH,
  buyToken: USDC,
  sellAmount: '40000000000000000000',
  minBuyAmount: '118000000000',
  deadline: 1_790_000_030,
  nonce: '7',
  partialFill: false,
};

function fieldError(input: unknown): { field: string | undefined; message: string } {
  try {
    parseHedgeIntent(input);
  } catch (error) {
    assert.ok(isHedgeRouterError(error, 'INVALID_INPUT'));
    return { field: error.field, message: error.shortMessage };
  }
  assert.fail('expected INVALID_INPUT');
}

describe('hedge intent EIP-712', () => {
  it('behavior: types list the fields in the specified order', () => {
    assert.deepEqual(
      hedgeIntentTypes.HedgeIntent.map((f) => `${f.type} ${f.name}`),
      [
        'address vault',
        'address sellToken',
        'address buyToken',
        'uint256 sellAmount',
        'uint256 minBuyAmount',
        'uint64 deadline',
        'uint256 nonce',
        'bool partialFill',
      ],
    );
    assert.deepEqual(hedgeIntentDomain({ chainId: 31337 }), {
      name: 'HedgeRouter',
      version: '1',
      chainId: 31337,
    });
  });

  it('behavior: viem signs and recovers the vault from the typed data', async () => {
    const intent = parseHedgeIntent(wire);
    const typedData = hedgeIntentTypedData({ intent, chainId: 31337 });
    const signature = await account.signTypedData(typedData);
    assert.equal(await recoverTypedDataAddress({ ...typedData, signature }), account.address);
    assert.equal(await verifyTypedData({ ...typedData, address: account.address, signature }), true);
    // Another chain is another domain: the same signature does not verify there.
    assert.equal(
      await verifyTypedData({
        ...hedgeIntentTypedData({ intent, chainId: 1 }),
        address: account.address,
        signature,
      }),
      false,
    );
  });

  it('behavior: the digest equals EIP-712 computed by hand from the specified type string', () => {
    // EIP-712: digest = keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)), with
    // hashStruct = keccak256(abi.encode(typeHash, ...fields)), typeHash = keccak256(encodeType).
    const typeHash = viemKeccak256(
      stringToHex(
        'HedgeIntent(address vault,address sellToken,address buyToken,uint256 sellAmount,uint256 minBuyAmount,uint64 deadline,uint256 nonce,bool partialFill)',
      ),
    );
    const domainTypeHash = viemKeccak256(
      stringToHex('EIP712Domain(string name,string version,uint256 chainId)'),
    );
    const domainSeparator = viemKeccak256(
      encodeAbiParameters(parseAbiParameters('bytes32, bytes32, bytes32, uint256'), [
        domainTypeHash,
        viemKeccak256(stringToHex('HedgeRouter')),
        viemKeccak256(stringToHex('1')),
        31337n,
      ]),
    );
    const intent = parseHedgeIntent(wire);
    const structHash = viemKeccak256(
      encodeAbiParameters(
        parseAbiParameters('bytes32, address, address, address, uint256, uint256, uint64, uint256, bool'),
        [
          typeHash,
          intent.vault,
          intent.sellToken,
          intent.buyToken,
          intent.sellAmount,
          intent.minBuyAmount,
          BigInt(intent.deadline),
          intent.nonce,
          intent.partialFill,
        ],
      ),
    );
    const digest = viemKeccak256(concat(['0x1901', domainSeparator, structHash]));
    assert.equal(hashTypedData(hedgeIntentTypedData({ intent, chainId: 31337 })), digest);
  });
});

describe('parseHedgeIntent / serializeHedgeIntent', () => {
  it('behavior: decodes amounts to bigint and round-trips', () => {
    const intent = parseHedgeIntent({ ...wire, sellToken: WETH.toLowerCase() });
    assert.equal(intent.sellAmount, 40n * 10n ** 18n);
    assert.equal(intent.sellToken, WETH); // checksummed
    assert.deepEqual(serializeHedgeIntent(intent), wire);
  });

  it('error: names the field and the reason', () => {
    assert.deepEqual(fieldError({ ...wire, sellAmount: '-1' }), {
      field: 'intent.sellAmount',
      message: 'must not be negative',
    });
    assert.deepEqual(fieldError({ ...wire, sellAmount: (1n << 256n).toString() }), {
      field: 'intent.sellAmount',
      message: 'must fit in uint256',
    });
    assert.equal(fieldError({ ...wire, sellAmount: '0' }).field, 'intent.sellAmount');
    assert.equal(fieldError({ ...wire, minBuyAmount: '1.5' }).field, 'intent.minBuyAmount');
    assert.equal(fieldError({ ...wire, minBuyAmount: 5 }).field, 'intent.minBuyAmount');
    assert.deepEqual(fieldError({ ...wire, vault: '0x0000000000000000000000000000000000000000' }), {
      field: 'intent.vault',
      message: 'must not be the zero address',
    });
    assert.equal(fieldError({ ...wire, buyToken: WETH }).field, 'intent.buyToken');
    assert.equal(fieldError({ ...wire, buyToken: WETH.toLowerCase() }).message, 'must differ from sellToken');
    assert.match(fieldError({ ...wire, sellToken: WETH.replace('C02a', 'c02A') }).message, /checksum/);
    assert.equal(fieldError({ ...wire, sellToken: '0x1234' }).field, 'intent.sellToken');
    assert.equal(fieldError({ ...wire, deadline: -5 }).field, 'intent.deadline');
    assert.equal(fieldError({ ...wire, extra: 1 }).field, 'intent');
    assert.equal(fieldError({ ...wire, partialFill: 'yes' }).field, 'intent.partialFill');
  });

  it('property: any valid intent round-trips and signs/recovers with viem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: (1n << 256n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.boolean(),
        async (sellAmount, minBuyAmount, nonce, deadline, partialFill) => {
          const w = {
            ...wire,
            sellAmount: sellAmount.toString(),
            minBuyAmount: minBuyAmount.toString(),
            nonce: nonce.toString(),
            deadline,
            partialFill,
          };
          const intent = parseHedgeIntent(w);
          assert.deepEqual(serializeHedgeIntent(intent), w);
          const typedData = hedgeIntentTypedData({ intent, chainId: 8453 });
          const signature = await account.signTypedData(typedData);
          assert.equal(await recoverTypedDataAddress({ ...typedData, signature }), account.address);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('keccak256 / toChecksumAddress', () => {
  it('property: equal to viem keccak256 and getAddress', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(`0x${Buffer.from(keccak256(bytes)).toString('hex')}`, viemKeccak256(bytes));
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const lower = `0x${Buffer.from(bytes).toString('hex')}`;
        assert.equal(toChecksumAddress(lower), getAddress(lower));
      }),
      { numRuns: 100 },
    );
  });
});
