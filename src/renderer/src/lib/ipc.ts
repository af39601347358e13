/**
 * The only module that reads `window.rakerone`. Everything else calls `call` / `subscribe`, so the
 * renderer has exactly one place where the untrusted page meets the main process.
 *
 * The bridge is looked up on every call rather than captured at import time: tests install a fake
 * bridge per test, and a page loaded without the preload gets a clear error screen instead of a crash.
 */
import type { AppErrorDto } from '@shared/errors';
import type { EventChannel, EventPayload, InvokeChannel, InvokeInput, InvokeOutput } from '@shared/ipc/contract';
import { BRIDGE_NAME } from '@shared/ipc/channels';
import { READY_ATTRIBUTE, type RakerOneBridge } from '@shared/ipc/bridge';

/** A failed call, carrying the shared error shape so screens can pick what to show by `code`. */
export class IpcError extends Error {
  readonly error: AppErrorDto;

  constructor(error: AppErrorDto) {
    super(error.message);
    this.name = 'IpcError';
    this.error = error;
  }

  get code(): AppErrorDto['code'] {
    return this.error.code;
  }
}

export class BridgeMissingError extends Error {
  constructor() {
    super(`window.${BRIDGE_NAME} is missing: this page must run inside RakerOne Admin (or its test stand-in).`);
    this.name = 'BridgeMissingError';
  }
}

function readBridge(): RakerOneBridge | undefined {
  const candidate = window[BRIDGE_NAME];
  return candidate && typeof candidate.invoke === 'function' && typeof candidate.on === 'function' ? candidate : undefined;
}

export function hasBridge(): boolean {
  return readBridge() !== undefined;
}

/** Invokes a channel; resolves with its data or rejects with an IpcError (never a raw Result). */
export async function call<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>> {
  const bridge = readBridge();
  if (!bridge) throw new BridgeMissingError();
  let result;
  try {
    result = await bridge.invoke(channel, input);
  } catch (cause) {
    // The contract says invoke never throws; if the transport itself breaks, say so in the shared shape.
    throw new IpcError({ code: 'INTERNAL', message: cause instanceof Error ? cause.message : 'The main process did not answer.' });
  }
  if (!result.ok) throw new IpcError(result.error);
  return result.data;
}

export function subscribe<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const bridge = readBridge();
  if (!bridge) return () => {};
  return bridge.on(event, listener);
}

/** The shared error of anything thrown by `call`, or an INTERNAL one for anything else. */
export function toAppError(error: unknown): AppErrorDto {
  if (error instanceof IpcError) return error.error;
  if (isAppErrorDto(error)) return error;
  if (error instanceof BridgeMissingError) return { code: 'INTERNAL', message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : 'Something went wrong.' };
}

function isAppErrorDto(value: unknown): value is AppErrorDto {
  return typeof value === 'object' && value !== null && typeof (value as AppErrorDto).code === 'string' && typeof (value as AppErrorDto).message === 'string';
}

/** Tells end-to-end tests the first screen is drawn from real state (never a sleep). */
export function markReady(): void {
  document.documentElement.setAttribute(READY_ATTRIBUTE, 'true');
}
