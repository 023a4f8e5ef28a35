// A worker thread's code as one plain-JS file, so a worker starts in ~60-200 ms instead of ~1 s:
// registering tsx in a worker starts a loader thread, and loading a TypeScript graph through it
// (every file resolved and transformed over that thread) takes most of a second. Plain JS also
// runs without tsx's per-function `__name` wrappers on the hot path.
// Every repo source is marked side-effect free, so esbuild drops the modules the worker does not
// reach. esbuild is the one tsx already uses (tsx is this package's dependency).
// A bundle is cached on disk by the content of every input, so it is rebuilt only when a source
// changes. Plain JS on purpose: it runs in a fresh worker, before anything can load TypeScript.
//
// Why it lives in @hedge-router/tools: the api's quote workers and the simulations' backtest
// workers load it at run time, so it must be a dependency both declare, not a file one package
// reaches into another's folder for (a relative path into scripts/ or router/ would break as
// soon as a package is installed or deployed on its own). It is not domain code, so it does not
// belong in the router's exports either; a tools package that depends on no @hedge-router package
// can be used by all of them without an import cycle.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

// Bump when the build options below change (the inputs' contents are hashed separately).
const FORMAT = 'worker-bundle-3';
// CommonJS packages bundled into an ES module still call `require` for node's built-ins.
const BANNER =
  "import { createRequire as __workerBundleRequire } from 'node:module';\nconst require = __workerBundleRequire(import.meta.url);";

/** Where bundles and their manifests live: per user, in the system's temporary directory. */
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
 * The cached bundle's path for `entry` (stored as `name`) if every input it was built from is
 * unchanged, else undefined (reads and hashes the inputs: a few ms).
 */
export function cachedWorkerBundle({ entry, name, dir = bundleCacheDir() }) {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
    if (manifest.entry !== entry) return undefined;
    // Built with other options or for another node: rebuild (esbuild's version is checked by the build).
    if (!manifest.version.startsWith(`${FORMAT} `) || !manifest.version.endsWith(` node ${process.version}`))
      return undefined;
    const file = join(dir, manifest.bundle);
    if (!existsSync(file)) return undefined;
    return hashInputs(manifest.version, manifest.inputs) === manifest.hash ? file : undefined;
  } catch {
    // No manifest, or an input gone: rebuild.
    return undefined;
  }
}

/** Builds the bundle of `entry` (~0.2-1 s), stores it in the cache as `name` and returns its path. */
export async function buildWorkerBundle({ entry, name, dir = bundleCacheDir() }) {
  const require = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = await import(pathToFileURL(require.resolve('esbuild')).href);
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
      // A source's own location stays its own: `createRequire(import.meta.url)` (how solvers loads
      // its pinned ethers) must resolve from the source's folder, not from the bundle's.
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const contents = readFileSync(args.path, 'utf8')
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
        return { contents, loader: 'ts' };
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
    banner: { js: BANNER },
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [sideEffectFree],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((f) => resolve(absWorkingDir, f))
    .sort();
  const hash = hashInputs(version, inputs);
  const bundle = `${name}-${hash}.mjs`;
  mkdirSync(dir, { recursive: true });
  // Written under a unique name, then renamed: another process may be building the same bundle.
  const tmp = `.${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, bundle + tmp), result.outputFiles[0].contents);
  renameSync(join(dir, bundle + tmp), join(dir, bundle));
  const manifest = { entry, version, hash, bundle, inputs };
  writeFileSync(join(dir, `${name}.json${tmp}`), JSON.stringify(manifest));
  renameSync(join(dir, `${name}.json${tmp}`), join(dir, `${name}.json`));
  pruneOldBundles(dir, name, bundle);
  return join(dir, bundle);
}

// Bundles of earlier sources are ~0.1-5 MB each: those not touched for a day go (a process still
// running may hold a newer path; one a day old is long since loaded by its workers).
const PRUNE_AFTER_MS = 24 * 3600 * 1000;
function pruneOldBundles(dir, name, keep) {
  try {
    for (const file of readdirSync(dir)) {
      if (file === keep || !file.startsWith(`${name}-`) || !file.endsWith('.mjs')) continue;
      const path = join(dir, file);
      if (Date.now() - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { force: true });
    }
  } catch {
    // Pruning is housekeeping: never a reason to fail a build.
  }
}

/** The bundle's path (given by the pool, else cached, else built here), or why there is none. */
async function resolveWorkerBundle({ entry, name, given }) {
  if (given) return { bundle: given, reason: undefined };
  try {
    return {
      bundle: cachedWorkerBundle({ entry, name }) ?? (await buildWorkerBundle({ entry, name })),
      reason: undefined,
    };
  } catch (error) {
    return { bundle: undefined, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What a worker's plain-JS entry runs: loads `entry`'s code from its bundle and tells the pool the
 * bundle's path (`{ type: 'bundle', bundle, reason }` on `port`), so later workers skip the
 * look-up. Without esbuild it registers tsx and loads the TypeScript sources (~1 s), as workers
 * do not inherit a loader registered through the API.
 */
export async function loadWorkerCode({ entry, name, given, port }) {
  const { bundle, reason } = await resolveWorkerBundle({ entry, name, given });
  port?.postMessage({ type: 'bundle', bundle, reason });
  if (bundle) {
    await import(pathToFileURL(bundle).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
