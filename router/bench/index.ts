// `npm run bench` for the router: every bench/*.bench.ts in turn (or those named on the command line).
import { runBenches } from '@hedge-router/tools/bench-harness';

await runBenches(import.meta.dirname);
