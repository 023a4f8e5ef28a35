// `npm run bench` for the api: runs every bench/*.bench.ts in turn (or those named on the
// command line). Each default-exports an async function that measures and calls report().
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const file of files) {
  const mod = (await import(`./${file}`)) as { default: () => Promise<void> | void };
  await mod.default();
}
// The bench leaves nothing running, but a stray keep-alive socket must not hold the process.
process.exit(0);
