import react from '@vitejs/plugin-react';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { cspMetaPlugin } from './src/main/security/csp-meta-plugin';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Main's npm dependencies (axios, zod, write-file-atomic…) are bundled into out/main, so the
      // package ships out/ and keytar only. keytar stays a real module: it loads a native .node file.
      externalizeDeps: false,
      // The identify scan worker is its own entry: main starts it by file (identify/scan-in-worker.ts
      // looks for out/main/identify-scan-worker.js beside the bundle), and shared code goes in chunks.
      rollupOptions: {
        input: { index: resolve(root, 'src/main/index.ts'), 'identify-scan-worker': resolve(root, 'src/main/identify/scan-worker.ts') },
        external: ['electron', /^node:/, '@github/keytar'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules (and `"type": "module"` would make electron-vite
      // emit one): CommonJS, as index.cjs.
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), cspMetaPlugin()],
    // `@shared/…` is src/shared (the renderer's one way to reach it; tsconfig.base.json says the same).
    resolve: { alias: { '@shared': resolve(root, 'src/shared') } },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});
