/**
 * Finds an Electron binary without triggering the electron package's download-on-require (which
 * fails on machines that cannot reach Electron's release host, such as ours and CI's).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function findElectronBinary(): string | null {
  const pkg = resolve('node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

export const NO_ELECTRON_MESSAGE =
  'No Electron binary here (it cannot be downloaded on this machine). The electron project runs where one exists: ' +
  'a developer desktop or a QA runner, or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding one.';
