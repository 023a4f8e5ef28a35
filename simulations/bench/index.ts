// `npm run bench` for the simulations package: every bench/*.bench.ts (or those named).
import { runBenches } from '@hedge-router/tools/bench-harness';

await runBenches(import.meta.dirname);
