type BundleTarget = {
  /** The worker's TypeScript entry (absolute path). */
  entry: string;
  /** The bundle's name in the cache (its manifest is `<name>.json`). */
  name: string;
  dir?: string;
};
/** Where bundles and their manifests live ($HEDGE_ROUTER_BUNDLE_CACHE, else the system's temp dir). */
export function bundleCacheDir(): string;
/** The cached bundle's path if none of its inputs changed, else undefined. */
export function cachedWorkerBundle(target: BundleTarget): string | undefined;
/** Builds the bundle with esbuild, stores it in the cache and returns its path. */
export function buildWorkerBundle(target: BundleTarget): Promise<string>;
/** A worker entry's body: loads `entry` from its bundle (tsx and the sources without one), telling `port` the bundle. */
export function loadWorkerCode(target: {
  entry: string;
  name: string;
  given?: string | undefined;
  port?: { postMessage(message: unknown): void } | null | undefined;
}): Promise<void>;
