// A cache attached to the object it is about (a pool state, a ticks array), as a hidden property.
//
// Why not a WeakMap: in the young-generation GC (the scavenger) of the V8 that Node 20 ships, a
// WeakMap entry keeps its value alive even when its key is garbage, and a value that points back
// to its key (a table that holds its pool state) keeps the key alive too; both are then promoted
// and only a full mark-compact frees them. Measured on the route-decision bench with a new pool
// state every decision: 1.7 MB survived and 1.25 MB was promoted per scavenge (against 0.6 MB and
// ~10 KB when the ticks array is kept), so scavenges took several times longer and major GCs came
// every few hundred decisions. A property dies with its object in the next scavenge.
//
// The property is a symbol, non-enumerable: spreads, JSON, deepStrictEqual and Object.keys do not
// see it, and a copy made with `{ ...state }` starts without a cache (as a new object should).
// Frozen or sealed objects cannot take it; they fall back to a WeakMap (correct, just slower to GC).

export type ObjectCache<K extends object, V> = {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
};

/** A per-object cache named `name` (the symbol's description, for debugging). */
export function objectCache<K extends object, V>(name: string): ObjectCache<K, V> {
  const symbol = Symbol(name);
  const fallback = new WeakMap<K, V>();
  return {
    get(key: K): V | undefined {
      const value = (key as Record<symbol, V | undefined>)[symbol];
      return value !== undefined ? value : fallback.get(key);
    },
    set(key: K, value: V): void {
      if (Object.isExtensible(key)) {
        Object.defineProperty(key, symbol, { value, writable: true, configurable: true, enumerable: false });
      } else {
        fallback.set(key, value);
      }
    },
  };
}
