#!/usr/bin/env node
/**
 * `npm run audit:electron`: scans src/ with @doyensec/electronegativity 1.10.3 (run through npx, not a
 * devDependency: it needs its own TypeScript with a JavaScript API — TypeScript 7 has none), writes its CSV report to
 * test-results/electronegativity.csv, prints every finding, and fails on any finding above review level.
 *
 * Review level = severity LOW or INFORMATIONAL: electronegativity asks a person to look (for instance
 * the renderer's CSP has style-src 'unsafe-inline', which Mantine needs). MEDIUM and HIGH findings
 * (a missing contextIsolation, sandbox, a navigation hole…) fail the script, whatever their confidence.
 * electronegativity itself exits 0 even with findings, hence the parsing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ELECTRONEGATIVITY = '@doyensec/electronegativity@1.10.3';
export const FAILING_SEVERITIES = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

/** RFC 4180-ish CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((cell) => cell.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((cell) => cell.trim() !== '')) rows.push(row);
  return rows;
}

/** The findings of an electronegativity CSV, keyed by its (trimmed, lower-case) header names. */
export function findingsOf(csv) {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return [];
  const names = header.map((h) => h.trim().toLowerCase());
  return rows.map((cells) => Object.fromEntries(names.map((name, i) => [name, (cells[i] ?? '').trim()])));
}

export function verdict(findings) {
  const failing = findings.filter((f) => FAILING_SEVERITIES.has(f.severity.toUpperCase()));
  const review = findings.filter((f) => !FAILING_SEVERITIES.has(f.severity.toUpperCase()));
  return { failing, review, ok: failing.length === 0 };
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const outDir = join(root, 'test-results');
  const report = join(outDir, 'electronegativity.csv');
  mkdirSync(outDir, { recursive: true });
  rmSync(report, { force: true });
  const electron = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const run = spawnSync('npx', ['--yes', ELECTRONEGATIVITY, '-i', join(root, 'src'), '-r', '-o', report, '-e', electron, '-v', 'false'], {
    cwd: outDir, // not the project: electronegativity must not pick up our TypeScript
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0 || !existsSync(report)) {
    console.error(run.stdout, run.stderr);
    console.error(`audit:electron: electronegativity did not produce ${report} (exit ${run.status}).`);
    process.exit(2);
  }
  const { failing, review, ok } = verdict(findingsOf(readFileSync(report, 'utf8')));
  const line = (f) => `  ${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.issue}  ${f.filename}:${f.location}  ${f.description}`;
  const print = (text) => process.stdout.write(`${text}\n`);
  print(`electronegativity ${ELECTRONEGATIVITY.split('@').pop()} on src/ (Electron ${electron}); report: ${report}`);
  print(`${failing.length} finding(s) above review level, ${review.length} to review.`);
  if (review.length) print(`To review:\n${review.map(line).join('\n')}`);
  if (!ok) {
    console.error(`Above review level:\n${failing.map(line).join('\n')}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
