/**
 * What only an unpackaged (development or test) run may take from the environment:
 * - RAKERONE_USER_DATA_DIR, a fresh userData folder per Playwright-Electron test, and only when
 *   RAKERONE_TEST_MODE=1 too, so a stray variable cannot point the app at another folder;
 * - ELECTRON_RENDERER_URL, electron-vite's dev server, which would otherwise become a trusted origin.
 * An installed (packaged) app ignores both: its data folder and its pages are its own.
 */
import { isAbsolute } from 'node:path';

export function userDataOverride(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  if (isPackaged || env.RAKERONE_TEST_MODE !== '1') return null;
  const dir = env.RAKERONE_USER_DATA_DIR;
  return dir && isAbsolute(dir) ? dir : null;
}

export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const url = env.ELECTRON_RENDERER_URL;
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    // electron-vite serves on the loopback interface; anything else is not our dev server.
    return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}
