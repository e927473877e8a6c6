// A local ESLint rule, `local/no-folder-cycle`: no import cycle between the top-level folders of
// src/ (src/a/x.ts → src/b/y.ts → src/a/z.ts is one even though no file imports itself back).
// import-x/no-cycle sees cycles between files only; the layout must also read one way.
//
// Each top-level folder of `root` is one node, each file directly in `root` one node of its own.
// Edges are the relative imports, static and dynamic, that are not type-only (those are erased).
// Reported at a file's first import into a folder that leads back.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import tseslint from 'typescript-eslint';

const SOURCE = /\.(ts|mts)$/;

/** The relative specifiers `ast` imports at run time: static, re-exported and dynamic. */
function runtimeImports(ast) {
  const out = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'ImportDeclaration' && node.importKind !== 'type') {
      if (node.specifiers.length === 0 || node.specifiers.some((s) => s.importKind !== 'type')) out.push({ node, spec: node.source.value });
    } else if ((node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source && node.exportKind !== 'type') {
      out.push({ node, spec: node.source.value });
    } else if (node.type === 'ImportExpression' && node.source.type === 'Literal' && typeof node.source.value === 'string') {
      out.push({ node, spec: node.source.value });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return out.filter((i) => typeof i.spec === 'string' && i.spec.startsWith('.'));
}

/** The file a relative specifier names (`./x.js` is `./x.ts` in the sources). */
function resolveSpec(fromFile, spec) {
  const target = path.resolve(path.dirname(fromFile), spec);
  return target.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts');
}

/** The node of `file` under `root`: its top-level folder, or the file itself when it sits in root. */
function nodeOf(root, file) {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length === 1 ? parts[0] : `${parts[0]}/`;
}

// One lint run asks for the same graph once per file: keep it per root while no source changed
// (tooling, not src/: the rule about module state is for the product).
const graphs = new Map();

/** Folder graph of `root`: node → node → one import that makes the edge (for the message). */
function folderGraph(root) {
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
  const signature = files.map((f) => `${f}:${statSync(f).mtimeMs}`).join('\n');
  const cached = graphs.get(root);
  if (cached?.signature === signature) return cached.graph;
  const graph = new Map();
  graphs.set(root, { signature, graph });
  for (const file of files) {
    const from = nodeOf(root, file);
    const { ast } = tseslint.parser.parseForESLint(readFileSync(file, 'utf8'), { range: false, loc: false, sourceType: 'module' });
    for (const { spec } of runtimeImports(ast)) {
      const target = resolveSpec(file, spec);
      const to = nodeOf(root, target);
      if (to === undefined || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from).has(to)) graph.get(from).set(to, `${path.relative(root, file)} imports ${spec}`);
    }
  }
  return graph;
}

/** A path of nodes from `start` to `goal` in `graph`, or undefined. */
function pathBetween(graph, start, goal) {
  const seen = new Set([start]);
  const queue = [[start]];
  while (queue.length > 0) {
    const route = queue.shift();
    for (const next of graph.get(route.at(-1))?.keys() ?? []) {
      if (next === goal) return [...route, next];
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...route, next]);
      }
    }
  }
  return undefined;
}

export const noFolderCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycle between the top-level folders of a source root' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, required: ['root'], additionalProperties: false }],
    messages: { cycle: 'Folder cycle {{cycle}}: {{edges}}' },
  },
  create(context) {
    const root = path.resolve(context.cwd, context.options[0].root);
    const file = context.physicalFilename;
    const from = nodeOf(root, file);
    if (from === undefined) return {};
    return {
      Program(program) {
        const imports = runtimeImports(program);
        if (imports.every(({ spec }) => [from, undefined].includes(nodeOf(root, resolveSpec(file, spec))))) return;
        const graph = folderGraph(root);
        const reported = new Set(); // one report per folder this file leads to, at its first import
        for (const { node, spec } of imports) {
          const to = nodeOf(root, resolveSpec(file, spec));
          if (to === undefined || to === from || reported.has(to)) continue;
          const back = pathBetween(graph, to, from);
          if (!back) continue;
          reported.add(to);
          const cycle = [from, ...back];
          const edges = back.slice(0, -1).map((n, i) => graph.get(n).get(back[i + 1]));
          context.report({ node, messageId: 'cycle', data: { cycle: cycle.join(' → '), edges: [`${path.relative(root, file)} imports ${spec}`, ...edges].join('; ') } });
        }
      },
    };
  },
};

export default { rules: { 'no-folder-cycle': noFolderCycle } };
