import type { TransactionEventV1 } from '@datashare/contract';

/** Where simulated events go. `send` resolves once the destination has accepted them. */
export interface EventSink {
  send(events: readonly TransactionEventV1[]): Promise<void>;
  close(): Promise<void>;
}

/** Hands events to a function: lets an app feed its own in-process pipeline. */
export class CallbackEventSink implements EventSink {
  constructor(
    private readonly deliver: (events: readonly TransactionEventV1[]) => void | Promise<void>,
  ) {}

  async send(events: readonly TransactionEventV1[]): Promise<void> {
    if (events.length > 0) await this.deliver(events);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
