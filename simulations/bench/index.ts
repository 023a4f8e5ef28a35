// `npm run bench` for the simulations package: runs every bench/*.bench.ts (or those named).
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
