import type { Outcome, TransactionRecord } from '@datashare/contract';

/** One connection's platform-reported transactions in a batch, by outcome. */
export interface ConnectionOutcomeCount {
  platform: string;
  consumer: string;
  provider: string;
  success: number;
  failure: number;
}

type OutcomeCounts = Record<Outcome, number>;

/**
 * The platform-reported transactions of a batch counted by connection and outcome as they are
 * added (for the per-connection metrics), so that the batch need not keep its records for it.
 * Only the platform's reports count: a transaction reported by its consumer and provider as well
 * is still one transaction.
 */
export class ConnectionOutcomes {
  /** platform → consumer → provider → counts: three lookups, no key built per record. */
  private readonly counts = new Map<string, Map<string, Map<string, OutcomeCounts>>>();

  add(record: TransactionRecord): void {
    if (record.reported_by !== 'platform') return;
    const consumers = getOrAdd(
      this.counts,
      record.platform,
      () => new Map<string, Map<string, OutcomeCounts>>(),
    );
    const providers = getOrAdd(consumers, record.consumer, () => new Map<string, OutcomeCounts>());
    const count = getOrAdd(providers, record.provider, (): OutcomeCounts => ({
      success: 0,
      failure: 0,
    }));
    count[record.outcome]++;
  }

  *[Symbol.iterator](): IterableIterator<ConnectionOutcomeCount> {
    for (const [platform, consumers] of this.counts) {
      for (const [consumer, providers] of consumers) {
        for (const [provider, count] of providers) {
          yield { platform, consumer, provider, ...count };
        }
      }
    }
  }
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
