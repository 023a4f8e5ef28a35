import { erc20Abi, hedgeExecutorAbi, mintableErc20Abi, wethAbi } from '@hedge-router/solvers';
import { type Address, maxUint256, parseEther, parseUnits } from 'viem';
import type { AccountName, NamedAccount } from '../accounts.js';
import { loadArtifact } from '../artifacts.js';
import type { ChainClients } from '../chainClients.js';
import { compileContract } from '../solidity/compileContract.js';
import type { ChainSpec } from '../worldConfig.js';
import { createDeployer } from './Deployer.js';
import { type CowContracts, deployCow } from './deployCow.js';
import { deployUniswapV3, type UniswapV3Contracts } from './deployUniswapV3.js';
import { encodeSqrtPriceX96 } from './priceMath.js';
import { type SeededPool, seedPool } from './seedPool.js';

export type DeployedChain = {
  weth: Address;
  usd: Address;
  uniswapV3: UniswapV3Contracts;
  /** Hedge Router's executor: only the `executor` account may call it; the vaults approve it. */
  hedgeExecutor: Address;
  cow: CowContracts | null;
  pools: SeededPool[];
};

const WETH_DECIMALS = 18;
const USD_DECIMALS = 6;
const DEPLOYER_ETH = parseEther('100000000');
// Accounts that sign but must hold nothing (a keeper never pays gas or holds funds).
const EMPTY_ACCOUNTS: AccountName[] = ['keeper', 'keeper2'];
// Vaults that approve the executor at boot, as a vault's owner would once, to let the router hedge.
const VAULTS: AccountName[] = ['vault', 'vault2'];

/**
 * Deploys one chain of the local world in a fixed order (so every address is the same on every
 * boot): WETH9, the 6-decimals USD token, Uniswap V3, CoW Protocol where the spec asks for it,
 * the seeded WETH/USD pools, then the named accounts' funding.
 */
export async function deployChain(
  clients: ChainClients,
  spec: ChainSpec,
  accounts: Record<AccountName, NamedAccount>,
  wethPriceUsd: number,
): Promise<DeployedChain> {
  await clients.test.setBalance({ address: accounts.deployer.address, value: DEPLOYER_ETH });
  await Promise.all(
    EMPTY_ACCOUNTS.map((name) => clients.test.setBalance({ address: accounts[name].address, value: 0n })),
  );
  const deployer = await createDeployer(clients.public, accounts.deployer.privateKey);

  const weth = await deployer.deploy('WETH9', loadArtifact('WETH9'));
  const usd = await deployer.deploy('DevUSD', compileContract('DevUSD.sol', 'DevUSD'));
  const uniswapV3 = await deployUniswapV3(deployer, weth);
  const cow = spec.cow ? await deployCow(deployer, clients.public, accounts.solver.address) : null;
  const hedgeExecutor = await deployer.deploy(
    'HedgeExecutor',
    compileContract('HedgeExecutor.sol', 'HedgeExecutor'),
    [accounts.executor.address, uniswapV3.factory],
  );

  // Enough of each token for every position at the start price, plus every account's funding.
  const liquidityUsd = spec.pools.flatMap((p) => p.positions).reduce((sum, p) => sum + p.valueUsd, 0);
  const funding = Object.entries(spec.funding) as [AccountName, { weth: number; usd: number }][];
  const fundedWeth = funding.reduce((sum, [, f]) => sum + f.weth, 0);
  const fundedUsd = funding.reduce((sum, [, f]) => sum + f.usd, 0);
  const wethNeeded = parseUnits(
    String(Math.ceil((liquidityUsd / wethPriceUsd) * 1.01 + fundedWeth)),
    WETH_DECIMALS,
  );
  const usdNeeded = parseUnits(String(Math.ceil(liquidityUsd * 1.01 + fundedUsd)), USD_DECIMALS);
  await deployer.write('wrap ETH', {
    address: weth,
    abi: wethAbi,
    functionName: 'deposit',
    args: [],
    value: wethNeeded,
  });
  await deployer.write('mint USD', {
    address: usd,
    abi: mintableErc20Abi,
    functionName: 'mint',
    args: [deployer.address, usdNeeded],
  });
  for (const token of [weth, usd]) {
    await deployer.write('approve position manager', {
      address: token,
      abi: erc20Abi,
      functionName: 'approve',
      args: [uniswapV3.positionManager, maxUint256],
    });
  }

  // Uniswap orders a pool's tokens by address; the price is token1 per token0 in raw units.
  const wethIsToken0 = weth.toLowerCase() < usd.toLowerCase();
  const [token0, token1] = wethIsToken0 ? [weth, usd] : [usd, weth];
  const priceMicroUsd = BigInt(Math.round(wethPriceUsd * 1e6));
  const oneWeth = 10n ** BigInt(WETH_DECIMALS);
  const usdRawPerWeth = (priceMicroUsd * 10n ** BigInt(USD_DECIMALS)) / 1_000_000n;
  const sqrtPriceX96 = wethIsToken0
    ? encodeSqrtPriceX96(usdRawPerWeth, oneWeth)
    : encodeSqrtPriceX96(oneWeth, usdRawPerWeth);
  const token1RawPerUsd = wethIsToken0 ? 10 ** USD_DECIMALS : 10 ** WETH_DECIMALS / wethPriceUsd;

  const pools: SeededPool[] = [];
  for (const poolSpec of spec.pools) {
    pools.push(
      await seedPool(deployer, clients.public, {
        factory: uniswapV3.factory,
        positionManager: uniswapV3.positionManager,
        token0,
        token1,
        sqrtPriceX96,
        token1RawPerUsd,
        spec: poolSpec,
      }),
    );
  }

  for (const [name, amounts] of funding) {
    const to = accounts[name].address;
    await deployer.write(`fund ${name} WETH`, {
      address: weth,
      abi: erc20Abi,
      functionName: 'transfer',
      args: [to, parseUnits(String(amounts.weth), WETH_DECIMALS)],
    });
    await deployer.write(`fund ${name} USD`, {
      address: usd,
      abi: erc20Abi,
      functionName: 'transfer',
      args: [to, parseUnits(String(amounts.usd), USD_DECIMALS)],
    });
  }
  await deployer.confirm();

  for (const name of VAULTS) {
    const vault = await createDeployer(clients.public, accounts[name].privateKey);
    for (const token of [weth, usd]) {
      await vault.write(`${name} approves the executor`, {
        address: token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [hedgeExecutor, maxUint256],
      });
    }
    await vault.confirm();
  }
  if (cow) {
    // The operator points the executor at this chain's CoW settlement once (set-once on chain),
    // as it would right after deploying it: the batch-auction venue places orders there.
    const operator = await createDeployer(clients.public, accounts.executor.privateKey);
    await operator.write('executor: configureCowSettlement', {
      address: hedgeExecutor,
      abi: hedgeExecutorAbi,
      functionName: 'configureCowSettlement',
      args: [cow.settlement],
    });
    await operator.confirm();
  }
  return { weth, usd, uniswapV3, hedgeExecutor, cow, pools };
}
