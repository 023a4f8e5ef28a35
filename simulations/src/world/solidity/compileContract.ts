import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HedgeRouterError } from '@hedge-router/router';
import type { Abi, Hex } from 'viem';

export type CompiledContract = { abi: Abi; bytecode: Hex };

const require = createRequire(import.meta.url);
const contractsDir = join(import.meta.dirname, '..', '..', '..', 'contracts');
const cacheDir = join(dirname(require.resolve('solc/package.json')), '..', '.cache', 'hedge-router-solc');

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
};

/**
 * Compiles `simulations/contracts/<file>` with solc-js (offline, pinned by the lockfile) and
 * returns the named contract's ABI and creation bytecode. Only our own small contracts are
 * compiled here; everything with a published artifact (Uniswap, CoW, WETH9) is deployed from
 * that artifact. Results are cached on disk by the hash of the source and compiler version,
 * because loading the solc wasm costs more than the rest of the world's boot.
 */
export function compileContract(file: string, contractName: string): CompiledContract {
  const source = readFileSync(join(contractsDir, file), 'utf8');
  const solcVersion = (require('solc/package.json') as { version: string }).version;
  const key = createHash('sha256').update(`${solcVersion}\n${file}\n${source}`).digest('hex').slice(0, 16);
  const cacheFile = join(cacheDir, `${contractName}-${key}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as CompiledContract;
  } catch {
    // not cached yet
  }
  const solc = require('solc') as { compile: (input: string) => string };
  const input = {
    language: 'Solidity',
    sources: { [file]: { content: source } },
    settings: {
      optimizer: { enabled: true, runs: 10_000 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0)
    throw new HedgeRouterError('SIMULATION_FAILED', {
      shortMessage: `solc failed on ${file}:\n${errors.map((e) => e.formattedMessage).join('\n')}`,
    });
  const contract = output.contracts[file]?.[contractName];
  if (!contract)
    throw new HedgeRouterError('SIMULATION_FAILED', {
      shortMessage: `solc output has no contract ${contractName} in ${file}`,
    });
  const compiled: CompiledContract = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(compiled));
  return compiled;
}
