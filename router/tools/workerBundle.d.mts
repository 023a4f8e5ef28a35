/** Where bundles and their manifest live ($HEDGE_ROUTER_BUNDLE_CACHE, else the system's temp dir). */
export function bundleCacheDir(): string;
/** The cached worker bundle's path if none of its inputs changed, else undefined. */
export function cachedWorkerBundle(dir?: string): string | undefined;
/** Builds the worker bundle with esbuild, stores it in the cache and returns its path. */
export function buildWorkerBundle(dir?: string): Promise<string>;
