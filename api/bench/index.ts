// `npm run bench` for the api: every bench/*.bench.ts in turn (or those named on the command line).
import { runBenches } from '@hedge-router/tools/bench-harness';

await runBenches(import.meta.dirname);
// The bench leaves nothing running, but a stray keep-alive socket must not hold the process.
process.exit(0);
