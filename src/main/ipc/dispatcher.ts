/**
 * The one path every IPC call takes, in Electron (ipcMain.handle) and in the web driver alike:
 * sender check → channel lookup → input parsed with the contract's schema → handler → output parsed
 * with the contract's schema (which also strips any field the contract does not name) → Result.
 * It never throws and never rejects: bad input, a refused sender or a failing handler all come back
 * as `{ ok: false, error }`, because errors thrown over Electron IPC arrive stripped to their message.
 */
import type { z } from 'zod';
import { AppError, fail, ok, type Result } from '../../shared/errors.js';
import { invokeContract, type InvokeChannel } from '../../shared/ipc/contract.js';
import { storableText } from '../../shared/storable-text.js';
import type { Logger, SenderInfo } from '../ports.js';
import type { HandlerMap } from './handler-types.js';

export type Dispatch = (channel: string, input: unknown, sender: SenderInfo) => Promise<Result<unknown>>;

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.hasOwn(invokeContract, channel);
}

export function createDispatcher(options: {
  handlers: HandlerMap;
  isTrusted: (sender: SenderInfo) => boolean;
  logger: Logger;
  /** Awaited before the first handler runs: boot (profiles, keychain, local server) finishes first. */
  ready?: Promise<unknown>;
}): Dispatch {
  return async (channel, input, sender) => {
    try {
      if (!options.isTrusted(sender)) {
        options.logger.warn('Refused an IPC call from an untrusted sender', { channel: String(channel).slice(0, 60) });
        return fail('FORBIDDEN', 'Refused: this request did not come from the RakerOne Admin window.');
      }
      if (!isInvokeChannel(channel)) return fail('VALIDATION', 'Unknown request.');
      const contract = invokeContract[channel];
      // Text the server's databases cannot keep is refused here too, before anything is queued with it.
      const parsed = storableText(contract.input).safeParse(input ?? {});
      if (!parsed.success) return fail('VALIDATION', 'Some fields are not valid.', { issues: issuesOf(parsed.error) });
      await options.ready;
      const handler = options.handlers[channel] as (input: unknown, context: { sender: SenderInfo }) => Promise<unknown>;
      const output = await handler(parsed.data, { sender });
      const checked = contract.output.safeParse(output);
      if (!checked.success) {
        options.logger.error('A handler returned data outside the contract', { channel, issues: issuesOf(checked.error) });
        return fail('INTERNAL', 'Something went wrong in RakerOne Admin.');
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toDto() };
      options.logger.error('An IPC handler failed', { channel: String(channel).slice(0, 60), error });
      return fail('INTERNAL', 'Something went wrong in RakerOne Admin.');
    }
  };
}
