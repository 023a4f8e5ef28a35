// `npm run bench` for the router: every bench/*.bench.ts in turn (or those named on the command line).
import { runBenches } from './harness.js';

await runBenches(import.meta.dirname);
