// The backtest worker's code as one plain-JS file, so a worker starts in ~60 ms instead of ~1 s:
// registering tsx in a worker starts a loader thread, and loading the router's TypeScript graph
// through it (every file resolved and transformed over that thread) takes most of a second.
// The bundle holds only what the worker runs: every repo source is marked side-effect free, so
// esbuild drops what the worker does not reach (zod, the schemas, the rest of the router):
// ~125 kB. esbuild is a declared dependency of this package, the same one tsx uses for the main thread.
// It is cached on disk by the content of every input, so it is rebuilt only when a source changes.
// Plain JS on purpose: this runs in a fresh worker, before anything can load TypeScript.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('./backtestWorker.ts', import.meta.url));
// Bump when the build options below change (the inputs' contents are hashed separately).
const FORMAT = 'backtest-worker-bundle-1';

/** Where bundles and their manifest live: per user, in the system's temporary directory. */
export function bundleCacheDir() {
  return (
    process.env.HEDGE_ROUTER_BUNDLE_CACHE ??
    join(tmpdir(), `hedge-router-bundles-${process.getuid?.() ?? 'user'}`)
  );
}

function hashInputs(version, files) {
  const h = createHash('sha256').update(version);
  for (const f of files) h.update(f).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 24);
}

/**
 * The cached bundle's path if every input it was built from is unchanged, else undefined
 * (reads and hashes the ~200 inputs, a few ms).
 */
export function cachedWorkerBundle(dir = bundleCacheDir()) {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'backtest-worker.json'), 'utf8'));
    if (manifest.entry !== entry) return undefined;
    const file = join(dir, manifest.bundle);
    if (!existsSync(file)) return undefined;
    return hashInputs(manifest.version, manifest.inputs) === manifest.hash ? file : undefined;
  } catch {
    // No manifest, or an input gone: rebuild.
    return undefined;
  }
}

/** Builds the bundle (~0.2-0.3 s), stores it in the cache and returns its path. */
export async function buildWorkerBundle(dir = bundleCacheDir()) {
  const require = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuildPath = require.resolve('esbuild');
  const esbuild = await import(pathToFileURL(esbuildPath).href);
  const version = `${FORMAT} esbuild ${esbuild.version} node ${process.version}`;
  const absWorkingDir = dirname(entry);
  // Relative imports of .ts sources resolved here (as tsx does, '.js' → '.ts') and marked free
  // of side effects, so unused modules are dropped whole; anything else resolves as usual.
  const sideEffectFree = {
    name: 'side-effect-free-sources',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const path = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        if (!path.endsWith('.ts') || !existsSync(path)) return undefined;
        return { path, sideEffects: false };
      });
      build.onResolve({ filter: /^@hedge-router\// }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        const r = await build.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: 'inner',
        });
        return r.errors.length > 0 ? undefined : { ...r, sideEffects: false };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [sideEffectFree],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((f) => resolve(absWorkingDir, f))
    .sort();
  const hash = hashInputs(version, inputs);
  const bundle = `backtest-worker-${hash}.mjs`;
  mkdirSync(dir, { recursive: true });
  // Written under a unique name, then renamed: another process may be building the same bundle.
  const tmp = `.${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, bundle + tmp), result.outputFiles[0].contents);
  renameSync(join(dir, bundle + tmp), join(dir, bundle));
  const manifest = { entry, version, hash, bundle, inputs };
  writeFileSync(join(dir, `backtest-worker.json${tmp}`), JSON.stringify(manifest));
  renameSync(join(dir, `backtest-worker.json${tmp}`), join(dir, 'backtest-worker.json'));
  return join(dir, bundle);
}
