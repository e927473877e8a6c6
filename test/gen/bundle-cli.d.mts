/** The bundle script's file name in dist/. */
export const BUNDLE_FILE: string;
/** The bundle's V8 code cache file name in dist/. */
export const CACHE_FILE: string;

/**
 * The script text (one function expression) bundling the ES modules under `distDir` reachable from
 * `entry` (a path relative to `distDir`).
 */
export function bundleModules(distDir: string, entry: string): string;

/** The bin's source: runs `entry` from the bundle, with the code cache when V8 accepts it. */
export function launcherSource(entry: string): string;

/** Write the bundle, its code cache (made after `train` ran) and the bin `bin` into `distDir`. */
export function writeBundle(
  distDir: string,
  options: { entry: string; bin: string; train?: ((require: (id: string) => unknown) => Promise<void>) | undefined },
): Promise<void>;
