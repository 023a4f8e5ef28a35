// `hedge-router world` (and `npm start`): boots the local world, prints where everything is,
// stays up until Ctrl-C or SIGTERM, then ends both anvil processes and exits 0.
import { parseArgs } from 'node:util';
import { erc20Abi } from '@hedge-router/solvers';
import { formatUnits } from 'viem';
import type { BlockMode } from '../../world/blocks.js';
import { startWorld, type World } from '../../world/startWorld.js';
import { CliError } from './cliError.js';

export const worldUsage = `usage: hedge-router world [--block-mode auto|manual] [--block-interval-ms N] [--descriptor PATH]

  --block-mode         auto: every transaction mined at once (default);
                       manual: transactions wait in the public mempool for a block
  --block-interval-ms  with manual mode, mine a block every N ms (default: only on demand)
  --descriptor         where to write the world's JSON descriptor (default .world/world.json)`;

function parseBlockMode(mode: string | undefined, intervalMs: string | undefined): BlockMode {
  if (mode === undefined || mode === 'auto') {
    if (intervalMs !== undefined) throw new CliError('--block-interval-ms needs --block-mode manual');
    return { mode: 'auto' };
  }
  if (mode !== 'manual') throw new CliError(`--block-mode: expected auto or manual, got "${mode}"`);
  if (intervalMs === undefined) return { mode: 'manual' };
  const n = Number(intervalMs);
  if (!Number.isInteger(n) || n < 10)
    throw new CliError(`--block-interval-ms: expected an integer ≥ 10, got "${intervalMs}"`);
  return { mode: 'manual', intervalMs: n };
}

async function printWorld(world: World): Promise<void> {
  const { descriptor } = world;
  for (const chain of Object.values(world.chains)) {
    const d = chain.descriptor;
    console.log(`\n${d.name} chain ${d.chainId} at ${d.rpcUrl}`);
    console.log(`  WETH ${d.tokens.weth.address}   USDC ${d.tokens.usd.address}`);
    console.log(
      `  Uniswap V3 factory ${d.uniswapV3.factory}  SwapRouter ${d.uniswapV3.swapRouter}  QuoterV2 ${d.uniswapV3.quoterV2}`,
    );
    if (d.cow) console.log(`  CoW GPv2Settlement ${d.cow.settlement}  vault relayer ${d.cow.vaultRelayer}`);
    for (const pool of d.pools) console.log(`  pool ${pool.label.padEnd(26)} ${pool.address}`);
  }
  console.log('\naccounts (main chain balances)');
  const main = world.chains.main;
  for (const [name, account] of Object.entries(descriptor.accounts)) {
    const [weth, usd] = await Promise.all(
      [main.descriptor.tokens.weth, main.descriptor.tokens.usd].map((t) =>
        main.clients.public.readContract({
          address: t.address,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [account.address],
        }),
      ),
    );
    console.log(
      `  ${name.padEnd(12)} ${account.address}  ${formatUnits(weth ?? 0n, 18).padStart(8)} WETH  ${formatUnits(usd ?? 0n, 6).padStart(10)} USDC`,
    );
  }
}

/** Runs `hedge-router world [options]` with `argv` the arguments after the subcommand. */
export async function runWorldCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'block-mode': { type: 'string' },
      'block-interval-ms': { type: 'string' },
      descriptor: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(worldUsage);
    return;
  }
  const blockMode = parseBlockMode(values['block-mode'], values['block-interval-ms']);
  const world = await startWorld({
    blockMode,
    ...(values.descriptor ? { descriptorPath: values.descriptor } : {}),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local world`);
    await world.stop();
    console.log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await printWorld(world);
  console.log(`\ndescriptor: ${world.descriptorPath ?? '(not written)'}`);
  console.log(
    `\nLocal world ready in ${world.descriptor.bootMs} ms (${blockMode.mode === 'auto' ? 'automine' : `manual blocks${blockMode.intervalMs ? ` every ${blockMode.intervalMs} ms` : ''}`}). Ctrl-C to stop.`,
  );
}
