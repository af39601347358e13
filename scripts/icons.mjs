#!/usr/bin/env node
/**
 * `npm run icons`: every app icon from the one source, build/icon.svg (never hand-made files):
 * - build/icon.icns (macOS) and build/icon.ico (Windows), by icon-gen;
 * - build/icons/<N>x<N>.png (Linux: AppImage and deb take the folder), rendered by sharp.
 * electron-builder picks these up from build/ (its buildResources). They are generated, not committed
 * (.gitignore); `npm run package` and the packaging check run this first.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconGen from 'icon-gen';
import sharp from 'sharp';

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];

export async function generateIcons(buildDir) {
  const source = join(buildDir, 'icon.svg');
  const svg = readFileSync(source);
  const linuxDir = join(buildDir, 'icons');
  rmSync(linuxDir, { recursive: true, force: true });
  mkdirSync(linuxDir, { recursive: true });
  for (const size of LINUX_SIZES) {
    // density: rasterize the vector at the target size instead of scaling a 1024 px bitmap.
    await sharp(svg, { density: Math.max(72, (72 * size) / 1024) })
      .resize(size, size)
      .png()
      .toFile(join(linuxDir, `${size}x${size}.png`));
  }
  await iconGen(source, buildDir, { report: false, ico: { name: 'icon', sizes: ICO_SIZES }, icns: { name: 'icon', sizes: ICNS_SIZES } });
  return { icns: join(buildDir, 'icon.icns'), ico: join(buildDir, 'icon.ico'), linuxDir };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const buildDir = fileURLToPath(new URL('../build', import.meta.url));
  const made = await generateIcons(buildDir);
  console.log(`icons: ${made.icns}, ${made.ico}, ${made.linuxDir}/{${LINUX_SIZES.map((s) => `${s}x${s}`).join(',')}}.png`);
}
