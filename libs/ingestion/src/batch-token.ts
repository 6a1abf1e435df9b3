import type { PartitionSpan } from './pending-batch';

/**
 * The deduplication token of a Kafka batch: the topic and each partition's offsets, by
 * partition. A batch of one partition keeps the form tokens had before batches spanned
 * partitions (`<topic>-<partition>-<first>-<last>`), so a batch written before an upgrade and
 * replayed after it is still recognized.
 */
export function batchToken(topic: string, spans: readonly PartitionSpan[]): string {
  if (spans.length === 0) throw new Error('a Kafka batch has at least one partition span');
  const parts = [...spans]
    .sort((a, b) => a.partition - b.partition)
    .map((span) => `${span.partition}-${span.first}-${span.last}`);
  return `${topic}-${parts.join('+')}`;
}
