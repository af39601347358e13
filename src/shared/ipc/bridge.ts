/**
 * The shape of `window.rakerone`, installed by the preload in Electron and by the end-to-end web
 * stand-in in Chromium. Calls never throw across the bridge: they resolve to a Result, because
 * errors thrown over Electron IPC arrive stripped to their message.
 */
import type { Result } from '../errors.js';
import type { EventChannel, EventPayload, InvokeChannel, InvokeInput, InvokeOutput } from './contract.js';

export interface RakerOneBridge {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>>;
  /** Subscribes to a main-process event; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Set on <html> by the renderer once the first screen is drawn from real state: the readiness signal for tests. */
export const READY_ATTRIBUTE = 'data-rakerone-ready';
