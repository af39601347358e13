/**
 * Where main keeps its files. Playwright-Electron runs each test with a fresh folder, passed in
 * RAKERONE_USER_DATA_DIR — honoured only when RAKERONE_TEST_MODE=1, so a stray variable on a user's
 * machine cannot point the app at another folder.
 */
import { isAbsolute } from 'node:path';

export function userDataOverride(env: NodeJS.ProcessEnv): string | null {
  if (env.RAKERONE_TEST_MODE !== '1') return null;
  const dir = env.RAKERONE_USER_DATA_DIR;
  return dir && isAbsolute(dir) ? dir : null;
}
