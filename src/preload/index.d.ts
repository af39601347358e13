/** The type of what the preload exposes, for the renderer (tsconfig.web.json includes this file only). */
import type { RakerOneBridge } from '../shared/ipc/bridge.js';

declare global {
  interface Window {
    /** Absent when the page runs without the preload (or its test stand-in). */
    rakerone?: RakerOneBridge;
  }
}

export {};
