/**
 * The handler map is typed over every channel of the contract: a handler takes the parsed input and
 * returns the output, and `HandlerMap` requires one per channel, so forgetting one fails to compile.
 */
import type { InvokeChannel, InvokeOutput, InvokeParsedInput } from '../../shared/ipc/contract.js';
import type { SenderInfo } from '../ports.js';

export interface HandlerContext {
  sender: SenderInfo;
}

export type Handler<C extends InvokeChannel> = (input: InvokeParsedInput<C>, context: HandlerContext) => Promise<InvokeOutput<C>>;

export type HandlerMap = { [C in InvokeChannel]: Handler<C> };

/** The handlers one domain file contributes. */
export type DomainHandlers<K extends InvokeChannel> = { [C in K]: Handler<C> };
