/**
 * The sandboxed preload (CommonJS, see electron.vite.config.ts): exposes window.rakerone = { invoke, on }
 * through contextBridge, for the allowlisted channels only. Nothing else of Electron or Node is exposed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_NAME } from '../shared/ipc/channels.js';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld(BRIDGE_NAME, createBridge(ipcRenderer));
