/**
 * `npm run test:model -- --runs N [--seed S]`: N model-based sync histories against a real server.
 * Prints a failing history (shrunk) if there is one, and ends with exactly one line
 * `model: N sequences, V violations`. Exit code 1 if V > 0.
 */
import { parseArgs } from 'node:util';
import { runModel } from './run-model.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '100' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a positive whole number');
  process.exit(2);
}
const report = await runModel({ runs, seed: values.seed === undefined ? undefined : Number(values.seed) });
if (report.failure) console.error(report.failure);
process.stdout.write(`model: ${report.sequences} sequences, ${report.violations} violations\n`);
process.exit(report.violations === 0 ? 0 : 1);
