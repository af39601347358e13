#!/usr/bin/env node
/**
 * The packaging dry run: electron-builder's `--linux dir` on the built app (out/), with a STAND-IN
 * Electron folder, because Electron's binary cannot be downloaded here. Everything electron-builder
 * does with the app is real — the files rules, extraMetadata, the asar and what it unpacks, the
 * executable's name — except the fuses step, which rewrites the real binary (skipped here, only here).
 * The stand-in folder has the layout of an unpacked Electron for Linux (`electron` executable,
 * LICENSE, resources/, locales/); its `electron` only says it is a stand-in.
 *
 *   npm run check:package   → the checks (test/boot/package.test.ts), which call packageDryRun()
 *   node scripts/package-dry-run.mjs [outDir]   → just builds it and prints the asar's size and entries
 *
 * Needs `npm run build` first. Nothing is downloaded.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateIcons } from './icons.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The layout of Electron's linux-x64 zip, without Electron in it. */
export function makeStandInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(executable, '#!/bin/sh\necho "This is a stand-in for Electron (packaging dry run); it cannot run the app." >&2\nexit 1\n');
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron license file.\n');
  writeFileSync(join(dir, 'version'), require('electron/package.json').version);
  return dir;
}

/** Top-level packages under node_modules/ in a list of asar paths ("/node_modules/@scope/name/…"). */
export function packagesIn(entries) {
  const names = new Set();
  for (const entry of entries) {
    // "/node_modules/@scope" alone is a folder, not a package.
    const match = /^\/node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)/.exec(entry.replaceAll('\\', '/'));
    if (match) names.add(match[1]);
  }
  return [...names].sort();
}

/**
 * Builds the Linux package directory into `outDir` and describes it:
 * { appDir, asar, asarBytes, entries (asar paths), unpackedDir }.
 */
export async function packageDryRun(outDir) {
  if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('No build in out/: run `npm run build` first.');
  await generateIcons(join(root, 'build'));
  const electronDist = makeStandInElectron(mkdtempSync(join(tmpdir(), 'rakerone-electron-stand-in-')));
  try {
    const { build, Platform } = require('electron-builder');
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      config: {
        extends: join(root, 'electron-builder.yml'),
        electronDist,
        // Flipping fuses edits the real Electron binary: there is none here. Packaging for real keeps them.
        electronFuses: null,
        directories: { output: outDir, buildResources: 'build' },
      },
    });
  } finally {
    rmSync(electronDist, { recursive: true, force: true });
  }
  const appDir = join(outDir, 'linux-unpacked');
  const asarPath = join(appDir, 'resources', 'app.asar');
  const asar = require('@electron/asar');
  const entries = asar.listPackage(asarPath, { isPack: false });
  return { appDir, asar: asarPath, asarBytes: statSync(asarPath).size, entries, unpackedDir: `${asarPath}.unpacked` };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = resolve(process.argv[2] ?? join(root, 'test-results', 'package'));
  rmSync(outDir, { recursive: true, force: true });
  const made = await packageDryRun(outDir);
  console.log(`app.asar: ${made.asarBytes} bytes, ${made.entries.length} entries; node_modules inside: ${packagesIn(made.entries).join(', ') || 'none'}`);
}
