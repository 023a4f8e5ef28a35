import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

// The service's folders import each other in one direction only (app → routes → quotes, worker,
// ledger, chain, venues, context → config, errors), so each can be read, tested and replaced on
// its own. A cycle between two folders is the first step to one tangled module.
const src = dirname(new URL(import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The folder (first path segment under src/) a file belongs to; files at the root are their own. */
const folderOf = (file: string) => relative(src, file).split('/')[0] as string;

/** Folder → the folders its files import (relative imports only). */
function folderGraph(files: string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const to = folderOf(resolve(dirname(file), spec as string));
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle through the graph, as the list of folders it passes. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const walk = (path: string[]) => {
    for (const next of graph.get(path.at(-1) as string) ?? []) {
      if (next === path[0]) found.push([...path, next]);
      else if (!path.includes(next) && next > (path[0] as string)) walk([...path, next]);
    }
  };
  for (const start of graph.keys()) walk([start]);
  return found;
}

describe('api folders', () => {
  it('behavior: no two folders of api/src import each other, directly or through others', () => {
    const graph = folderGraph(sourceFiles(src));
    assert.ok(graph.size >= 8, `folders found: ${[...graph.keys()].join(', ')}`);
    assert.deepEqual(cycles(graph), []);
  });

  it('error: the check finds a cycle when there is one (it can fail)', () => {
    const graph = new Map([
      ['quotes', new Set(['routes'])],
      ['routes', new Set(['app'])],
      ['app', new Set(['quotes'])],
    ]);
    assert.deepEqual(cycles(graph), [['app', 'quotes', 'routes', 'app']]);
  });
});
