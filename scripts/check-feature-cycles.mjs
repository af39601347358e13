#!/usr/bin/env node
/**
 * Fails when two renderer features import each other, directly or through others: each folder
 * under src/renderer/src/features/ is one node, an import from a file of one into a file of another
 * is an edge, and the graph must have no cycle. Type-only imports count (they tie the folders as
 * much as any). Also fails when lib/ or components/ (what every feature may use) import a feature.
 * File-level cycles anywhere in src/ are madge's own check in `npm run lint`.
 */
import madge from 'madge';

const root = new URL('..', import.meta.url).pathname;
const RENDERER = 'src/renderer/src/';
const FEATURES = `${RENDERER}features/`;
const NEUTRAL = [`${RENDERER}lib/`, `${RENDERER}components/`];

const result = await madge(`${root}${RENDERER}`, {
  baseDir: root,
  fileExtensions: ['ts', 'tsx'],
  tsConfig: `${root}tsconfig.web.json`,
  detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
});

const featureOf = (file) => (file.startsWith(FEATURES) ? file.slice(FEATURES.length).split('/')[0] : null);

/** feature → feature → one file-level import that makes the edge, for the message. */
const edges = new Map();
const upward = [];
for (const [file, deps] of Object.entries(result.obj())) {
  if (NEUTRAL.some((dir) => file.startsWith(dir))) upward.push(...deps.filter((dep) => featureOf(dep)).map((dep) => `${file} → ${dep}`));
  const from = featureOf(file);
  if (!from) continue;
  for (const dep of deps) {
    const to = featureOf(dep);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${file} → ${dep}`);
  }
}

// Depth-first search; a grey node met again closes a cycle.
const state = new Map();
const cycles = [];
function visit(node, path) {
  state.set(node, 'grey');
  for (const next of edges.get(node)?.keys() ?? []) {
    if (state.get(next) === 'grey') cycles.push([...path.slice(path.indexOf(next)), node, next].filter((f, i, all) => i === 0 || f !== all[i - 1]));
    else if (!state.has(next)) visit(next, [...path, node]);
  }
  state.set(node, 'black');
}
for (const node of edges.keys()) if (!state.has(node)) visit(node, []);

if (upward.length > 0) {
  console.error('lib/ and components/ import no feature:');
  for (const line of upward) console.error(`  ${line}`);
  process.exit(1);
}
if (cycles.length > 0) {
  console.error('Renderer features import each other (move what both need to components/, lib/ or a sub-feature):');
  for (const cycle of cycles) {
    console.error(`  ${cycle.join(' → ')}`);
    for (let i = 0; i < cycle.length - 1; i += 1) console.error(`    ${edges.get(cycle[i]).get(cycle[i + 1])}`);
  }
  process.exit(1);
}
console.log(`No import cycle between the ${new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]).size} renderer features.`);
