// Boot time of the whole local world (two anvil chains, every contract, seeded pools, funded
// accounts), measured over several boots in one run. Target: under 3 s.
import { report } from '@hedge-router/tools/bench-harness';
import { startWorld } from '../src/world/startWorld.js';

export default async function worldBootBench(): Promise<void> {
  const boots = Number(process.env.BENCH_WORLD_BOOTS ?? 5);
  const times: number[] = [];
  for (let i = 0; i < boots; i++) {
    const t0 = performance.now();
    const world = await startWorld({ descriptorPath: null });
    times.push(performance.now() - t0);
    await world.stop();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  report('world-boot', [
    {
      boots,
      medianMs: Math.round(median),
      minMs: Math.round(sorted[0] ?? Number.NaN),
      maxMs: Math.round(sorted.at(-1) ?? Number.NaN),
      targetMs: 3000,
      meetsTarget: (sorted.at(-1) ?? Number.POSITIVE_INFINITY) < 3000,
    },
  ]);
}
