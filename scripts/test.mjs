#!/usr/bin/env node
/**
 * `npm test`: everything that runs on this machine — type-check, lint and the build side by side (each
 * uses one core and none needs another's output; their output is shown whole, one after the other, as
 * each ends), then unit, renderer and integration tests (real SQLite, real PostgreSQL, real keychain)
 * and the boot test of the built main bundle, then the end-to-end web project in Chromium (plus
 * Electron where a binary exists). Ends with one line `N passed, N failed` summing every suite
 * (type-check and lint count as one check each), after one line per phase with its time.
 *
 * The keychain tests need a Secret Service on D-Bus. Unless one is already provided
 * (RAKERONE_SECRET_SERVICE=ready), this script re-runs itself inside `dbus-run-session` with a fresh,
 * unlocked gnome-keyring in a throw-away XDG_DATA_HOME, so no real keyring of the developer is touched.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

if (process.env.RAKERONE_SECRET_SERVICE !== 'ready') {
  const haveDbus = spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon'], { stdio: 'ignore' }).status === 0;
  if (!haveDbus) {
    console.error(
      'npm test needs dbus-run-session and gnome-keyring-daemon for the keychain tests.\n' +
        'Install them: sudo apt-get install -y gnome-keyring dbus-x11 libsecret-1-0',
    );
    process.exit(2);
  }
  const xdg = mkdtempSync(join(tmpdir(), 'rakerone-keyring-'));
  // The keyring password only unlocks this throw-away keyring; it protects nothing real.
  const inner = `echo -n rakerone-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec node scripts/test.mjs ${process.argv.slice(2).join(' ')}`;
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    env: { ...process.env, XDG_DATA_HOME: xdg, RAKERONE_SECRET_SERVICE: 'ready' },
  });
  rmSync(xdg, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
/** Each failed test by file and name, repeated in the summary: CI shows only the end of the output. */
const failures = [];
const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim()
    .slice(0, 300) ?? '';

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

/**
 * Runs a phase alongside others: its output is kept and printed in one block when it ends (so phases
 * running together never interleave their lines). Resolves to { ok, seconds }.
 */
function runQuietly(label, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    let finished = false;
    // A command that cannot start emits 'error' and then 'close': report it once.
    const finish = (ok, extra = '') => {
      if (finished) return;
      finished = true;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n=== ${label}: ${command} ${args.join(' ')} (${seconds}s)\n`);
      process.stdout.write(Buffer.concat(output));
      if (extra) process.stdout.write(`${extra}\n`);
      resolve({ ok, seconds });
    };
    child.on('error', (error) => finish(false, String(error)));
    child.on('close', (code) => finish(code === 0));
  });
}

function record(label, { ok, seconds }) {
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'} (${seconds}s)`);
  return ok;
}

function vitest(built) {
  const file = join(reports, 'vitest.json');
  rmSync(file, { force: true });
  // After a good build the axe test checks out/renderer as built rather than building the renderer again.
  const { ok, seconds } = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], {
    RAKERONE_FRESH_BUILD: built ? '1' : '0',
  });
  if (!existsSync(file)) {
    totals.failed += 1;
    lines.push(`vitest: FAILED before reporting (${seconds}s)`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const failedSuites = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  for (const suite of report.testResults) {
    const file = relative(root, suite.name);
    if (suite.status === 'failed' && suite.assertionResults.length === 0) failures.push(`vitest ${file}: ${firstLine(suite.message)}`);
    for (const test of suite.assertionResults) {
      if (test.status === 'failed') failures.push(`vitest ${file} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + failedSuites;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  lines.push(
    `vitest: ${report.numPassedTests} passed, ${report.numFailedTests + failedSuites} failed, ${report.numPendingTests} skipped (${seconds}s)${ok ? '' : ' — exit code non-zero'}`,
  );
  if (!ok && report.numFailedTests + failedSuites === 0) totals.failed += 1;
}

/** The build counts only when it fails (it is a step, not a check). */
function recordBuild({ ok, seconds }) {
  if (!ok) {
    totals.failed += 1;
    lines.push(`build: FAILED (${seconds}s)`);
  }
  return ok;
}

function playwright() {
  if (!existsSync(join(root, 'playwright.config.ts'))) return;
  const file = join(reports, 'playwright.json');
  rmSync(file, { force: true });
  const { ok, seconds } = run('playwright', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!existsSync(file)) {
    totals.failed += 1;
    lines.push(`playwright: FAILED before reporting (${seconds}s)`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const { stats } = report;
  collectPlaywrightFailures(report.suites ?? [], []);
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  lines.push(`playwright: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed, ${stats.skipped} skipped (${seconds}s)`);
  if (!ok && stats.unexpected === 0) totals.failed += 1;
}

/** Walks Playwright's JSON report (suites within suites) for tests whose outcome was unexpected. */
function collectPlaywrightFailures(suites, titles) {
  for (const suite of suites) {
    const path = suite.title && !suite.title.endsWith('.ts') ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const last = test.results?.at(-1);
        failures.push(`playwright [${test.projectName}] ${spec.file}:${spec.line} › ${[...path, spec.title].join(' › ')}: ${firstLine(last?.error?.message)}`);
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], path);
  }
}

// Type-check, lint and the build are single-threaded for the most part and independent: side by side
// they take about as long as the longest of them. The build must end before vitest (the boot project
// loads out/main) and Playwright (the whole of out/).
const [typecheckRun, lintRun, buildRun] = await Promise.all([
  runQuietly('typecheck', 'npm', ['run', '--silent', 'typecheck']),
  runQuietly('lint', 'npm', ['run', '--silent', 'lint']),
  runQuietly('build', 'npx', ['electron-vite', 'build']),
]);
record('typecheck', typecheckRun);
record('lint', lintRun);
const built = recordBuild(buildRun);
vitest(built);
if (built) playwright();

console.log('\n=== summary');
for (const line of lines) console.log(line);
for (const failure of failures) console.log(`failed: ${stripVTControlCharacters(failure)}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
