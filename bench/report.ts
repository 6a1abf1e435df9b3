import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { type CpuPerEvent, totalUs } from './cpu-time';

/** The machine a bench ran on, as every bench's section describes it. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  clickhouse: string;
  platform: string;
}

export function describeMachine(clickhouseVersion: string): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    node: process.version,
    clickhouse: clickhouseVersion,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export interface IngestResults {
  date: string;
  machine: Machine;
  events: number;
  partitions: number;
  producedBytes: number;
  runs: {
    ceilingBrokerMs: number;
    ceilingInsertMs: number;
    /** The part of ceilingInsertMs spent decoding (validation, HMAC, mapping). */
    decodeMs: number;
    endToEndMs: number;
    /** From start() to the consumer joining its group: included in endToEndMs. */
    joinMs: number;
    /** From start() to the first committed offset. */
    firstCommitMs: number;
    /** Events/s committed between 10% and 90% of the events committed. */
    steadyEventsPerSecond: number;
    /** CPU per event over the whole window, by where it was spent; null without /proc. */
    cpuPerEvent: CpuPerEvent | null;
    peakRssBytes: number;
    /** Peak of V8 heapUsed + external (Buffers) in the same samples. */
    peakJsBytes: number;
    rssBeforeBytes: number;
  }[];
  freshness: {
    targetRate: number;
    achievedRate: number;
    seconds: number;
    samples: number;
    unseen: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
  };
  /** The built ingestor in a process of its own, ClickHouse over HTTP in another. */
  deployed: { sustainedMs: number; joinMs: number; peakRssBytes: number };
  rss: {
    node: number;
    kafkajs: number;
    chdbLibrary: number;
    benchAtStart: number;
    withClickHouseOpen: number;
  };
}

const SECTION = '## Ingest (npm run bench:ingest)';

const PREAMBLE = `# Benchmarks

Benchmarks run on the machine at hand, against no external services: Kafka is librdkafka's mock
cluster (built from \`libs/kafka-mock/mock-broker.c\`, needs Debian's \`librdkafka-dev\` and a C
compiler) and ClickHouse is the embedded engine (chdb). Each bench builds the app first.

\`\`\`sh
npm run bench:ingest                                  # 480,000 events, 3 runs, rewrites the section below
npm run bench:ingest -- --events 100000 --runs 1      # smaller
npm run bench:ingest -- --no-docs                     # print the table only
npm run bench:ingest -- --profile /tmp/e2e.cpuprofile # also a CPU profile of run 1's end to end
npm run build && node dist/bench/insert-formats.bench.js   # where the insert time goes (diagnostic)
\`\`\`

Each bench replaces only its own \`##\` section of this file.
`;

export const TARGETS = {
  endToEndEventsPerSecond: 100_000,
  endToEndShareOfCeiling: 0.5,
  freshnessP99Ms: 2000,
  peakRssBytes: 400 * 1000 * 1000,
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const met = (ok: boolean) => (ok ? '**met**' : '**not met**');

/** Renders the results; writes (replaces) the ingest section of `docPath` when given. */
export function writeIngestSection(results: IngestResults, docPath: string | null): string {
  const { events, runs, freshness: f, machine: m, rss: r0, deployed: d } = results;
  const perSecond = (ms: number) => events / (ms / 1000);
  const a = runs.map((r) => perSecond(r.ceilingBrokerMs));
  const b = runs.map((r) => perSecond(r.ceilingInsertMs));
  // The insert alone, timed apart from decoding within the same phase B.
  const insertOnly = runs.map((r) => perSecond(r.ceilingInsertMs - r.decodeMs));
  // Whole window: from the group join on, like ceiling A (from its first message), to the last
  // commit, so it includes the first batch filling and the last one waiting for its age cut.
  const whole = runs.map((r) => perSecond(r.endToEndMs - r.joinMs));
  // Steady: the pace between 10% and 90% of the events committed, what a continuous stream gets.
  const e = runs.map((r) => r.steadyEventsPerSecond);
  const rss = runs.map((r) => r.peakRssBytes);
  const fromStart = runs.map((r) => perSecond(r.endToEndMs));
  const joins = runs.map((r) => r.joinMs);
  const decodeShare = median(runs.map((r) => r.decodeMs / r.ceilingInsertMs));
  const medA = median(a);
  const medB = median(b);
  const medE = median(e);
  const medWhole = median(whole);
  const lowerCeiling = Math.min(medA, medB);
  const share = medE / lowerCeiling;
  const medInsertOnly = median(insertOnly);
  const shareOfInsertOnly = medE / Math.min(medA, medInsertOnly);
  const maxRss = Math.max(...rss);
  const shares = runs.map((_, i) => (e[i] ?? 0) / Math.min(a[i] ?? 0, b[i] ?? 0));

  const perRun = [
    '| Run | A: broker fetch (events/s) | B: decode + insert (events/s) | End to end, steady (events/s) | End to end, whole window (events/s) | Steady / min(A, B) | Peak RSS (MB) |',
    '| --: | --: | --: | --: | --: | --: | --: |',
    ...runs.map(
      (r, i) =>
        `| ${i + 1} | ${int(a[i] ?? 0)} | ${int(b[i] ?? 0)} | ${int(e[i] ?? 0)} | ${int(whole[i] ?? 0)} | ` +
        `${(((e[i] ?? 0) / Math.min(a[i] ?? 0, b[i] ?? 0)) * 100).toFixed(0)}% | ${mb(r.peakRssBytes)} |`,
    ),
    `| **median** | **${int(medA)}** | **${int(medB)}** | **${int(medE)}** | **${int(medWhole)}** | **${(share * 100).toFixed(0)}%** | **${mb(median(rss))}** |`,
    '',
    `Within B, the insert alone (decoding timed apart) ran at ${insertOnly.map((x) => int(x)).join(' / ')} events/s (median ${int(medInsertOnly)}).`,
    '',
    describeCpu(runs, m.cores),
  ].join('\n');

  const targets = [
    '| Target | Measured | |',
    '| --- | --: | --- |',
    `| End to end ≥ ${int(TARGETS.endToEndEventsPerSecond)} events/s, sustained | steady ${int(medE)} events/s (whole window ${int(medWhole)}) | ${met(medE >= TARGETS.endToEndEventsPerSecond)} |`,
    `| End to end ≥ ${TARGETS.endToEndShareOfCeiling * 100}% of the lower ceiling, taken as the ClickHouse insert alone (${int(Math.min(medA, medInsertOnly))} events/s, decoding not counted) | steady: ${(shareOfInsertOnly * 100).toFixed(1)}% of the medians | ${met(shareOfInsertOnly >= TARGETS.endToEndShareOfCeiling)} |`,
    `| End to end ≥ ${TARGETS.endToEndShareOfCeiling * 100}% of the lower ceiling, taken as B: decode + insert (${medA <= medB ? 'A' : 'B'}, ${int(lowerCeiling)} events/s) | steady: ${(share * 100).toFixed(1)}% of the medians; per run ${shares.map((x) => `${(x * 100).toFixed(0)}%`).join(' / ')}; whole window ${((medWhole / lowerCeiling) * 100).toFixed(1)}% | ${met(share >= TARGETS.endToEndShareOfCeiling)}${share >= TARGETS.endToEndShareOfCeiling && shares.some((x) => x < TARGETS.endToEndShareOfCeiling) ? ' (by the medians, not in every run)' : ''} |`,
    `| Freshness p99 ≤ ${TARGETS.freshnessP99Ms} ms at ${int(f.targetRate)} events/s | p99 ${int(f.p99Ms)} ms (p50 ${int(f.p50Ms)} ms, max ${int(f.maxMs)} ms) | ${met(f.unseen === 0 && f.p99Ms <= TARGETS.freshnessP99Ms)} |`,
    `| Ingestor RSS ≤ ${mb(TARGETS.peakRssBytes)} MB (the built ingestor, ClickHouse over HTTP) | ${mb(d.peakRssBytes)} MB peak (VmHWM); in-process with the embedded engine: ${mb(maxRss)} MB | ${met(d.peakRssBytes <= TARGETS.peakRssBytes)} |`,
  ].join('\n');

  const section = `${SECTION}

Last run ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB
memory, ${m.platform}, Node ${m.node}, ClickHouse ${m.clickhouse} (embedded, chdb). ${int(events)} events of
${(results.producedBytes / events).toFixed(0)} bytes of JSON on average (${(results.producedBytes / 1e6).toFixed(1)} MB) in ${results.partitions} partitions; ${runs.length} run(s), medians.

### Method

- **Broker**: librdkafka's mock cluster, one broker, a child process on loopback. It is not a
  real Kafka (no disk, no replication) and it shares the 2 cores with everything else below.
  Events are pre-produced once with kafkajs and read by every phase from the beginning.
- **A — broker fetch ceiling**: a kafkajs consumer (new group, \`eachBatch\`, no commits,
  \`maxBytesPerPartition\` 8 MiB, \`maxWaitTimeInMs\` 100) that only counts messages; events/s from
  the first message to the last.
- **B — ClickHouse insert ceiling**: the same events decoded with \`decodeTransactionMessage\`
  (schema validation, HMAC pseudonymization) and written with \`TransactionStore.insert\` (JSONCompactEachRow,
  deduplication token) in batches of 50,000 into a fresh database, no Kafka; only decode + insert
  is timed (building the message bytes is not).
- **End to end**: the real \`KafkaIngestConsumer\` + \`IngestBatchWriter\` (ledger intent, insert,
  commit), wired as the ingestor wires it, production batch limits (50,000 rows / 8 MiB / 1000 ms,
  32 MiB buffered), \`fetchMaxWaitMs\` 100, new group, fresh database. The group's committed
  offsets are read every 50 ms with the admin client. **Steady** throughput is the pace between
  the reads that first saw 10% and 90% of the events committed: what a continuous stream gets,
  without the start (group join, ledger read, first batch filling) and the end (the last, partial
  batch waits for its 1 s age cut). The **whole window** runs from the consumer joining its group
  (kafkajs' \`GROUP_JOIN\` event, as ceiling A is timed from its first message) until the
  committed offsets reach the end of every partition; the join itself is reported apart. One consumer
  holds all ${results.partitions} partitions, and each of its batches gathers messages of all of them (one insert,
  cut at 50,000 rows, 8 MiB or 1000 ms), as the ingestor does.
- **Freshness**: a fresh topic and database, the consumer running at the production limits, a
  producer paced at ${int(f.targetRate)} events/s (a batch every 100 ms) for ${f.seconds} s; \`count()\` polled
  every 100 ms. For each produce batch: the time the poll that first counted it answered, minus
  the time the batch was handed to the producer. ${f.samples} batches, achieved ${int(f.achievedRate)} events/s${f.unseen > 0 ? `, **${f.unseen} never seen**` : ''}.
- **Peak RSS**: \`process.memoryUsage().rss\` every 100 ms during the end-to-end phase (which runs
  first in each run, after a forced GC). The bench is one process holding the kafkajs clients, the
  pipeline **and the embedded ClickHouse engine**, so this is more than the ingestor would use
  against a ClickHouse server. For scale, measured in child processes: bare Node ${mb(r0.node)} MB,
  kafkajs +${mb(r0.kafkajs)} MB, loading the chdb library +${mb(r0.chdbLibrary)} MB; the bench was at ${mb(r0.benchAtStart)} MB before
  opening ClickHouse, ${mb(r0.withClickHouseOpen)} MB after, and ${runs.map((r) => mb(r.rssBeforeBytes)).join(' / ')} MB as each end-to-end phase began.
  The peak of V8 heap + Buffers (\`heapUsed + external\`) in the same samples was ${runs.map((r) => mb(r.peakJsBytes)).join(' / ')} MB.
- **CPU per event**: over the whole window of the end-to-end phase, the CPU time (user +
  system, from \`/proc\`) of the bench's main thread (kafkajs, decoding, encoding the insert, and
  the bench's own polling every 50 ms), of its other threads (the embedded engine, V8's
  helpers, libuv) and of the broker's process, divided by the events.
- Each run does end to end, then A, then B, one at a time; nothing else of the bench runs
  meanwhile. Within the end-to-end phase, fetch, decode and the chdb insert share the same 2 cores.

### Results

${perRun}

Freshness at ${int(f.targetRate)} events/s: p50 ${int(f.p50Ms)} ms, p99 ${int(f.p99Ms)} ms, max ${int(f.maxMs)} ms.

The built ingestor as deployed (one run): \`dist/apps/ingestor/src/main.js\` in a process of its own,
\`NODE_ENV=production\`, default limits, with ClickHouse over HTTP: the embedded engine in another
process behind \`bench/clickhouse-http.ts\`, a minimal front of ClickHouse's HTTP interface. It
consumed the same ${int(events)} events at ${int(events / (d.sustainedMs / 1000))} events/s over the whole window (from its group join, ${int(d.joinMs)} ms
after spawn, to the last commit); its peak resident set (VmHWM, read from \`/proc\`) was
${mb(d.peakRssBytes)} MB. The HTTP front and the engine are not in that figure, as a ClickHouse server
would not be.

Breakdown (medians): joining the group took ${int(median(joins))} ms (${int(Math.min(...joins))}–${int(Math.max(...joins))} ms across the runs, the
mock broker's group join, not measured against a real Kafka); counted from \`start()\`, join included,
end to end is ${int(median(fromStart))} events/s. The first offsets were committed ${int(median(runs.map((r) => r.firstCommitMs)))} ms after start. In B, decoding takes ${(decodeShare * 100).toFixed(0)}% of the time and the insert
(JSONCompactEachRow serialization + chdb) the rest.

### Targets

${targets}
`;

  if (docPath) {
    const current = existsSync(docPath) ? readFileSync(docPath, 'utf8') : PREAMBLE;
    writeFileSync(
      docPath,
      replaceSection(
        current.startsWith('# Benchmarks') ? current : `${PREAMBLE}\n${current}`,
        SECTION,
        section,
      ),
    );
  }
  return `${perRun}\n\nFreshness at ${int(f.targetRate)} events/s: p50 ${int(f.p50Ms)} ms, p99 ${int(f.p99Ms)} ms, max ${int(f.maxMs)} ms\n\n${targets}`;
}

function describeCpu(runs: IngestResults['runs'], cores: number): string {
  const measured = runs.flatMap((r) => (r.cpuPerEvent ? [r.cpuPerEvent] : []));
  if (measured.length === 0) return 'CPU per event: not measured (no /proc on this machine).';
  const main = median(measured.map((c) => c.mainThreadUs));
  const other = median(measured.map((c) => c.otherThreadsUs));
  const broker = median(measured.map((c) => c.brokerUs));
  const total = median(measured.map(totalUs));
  const budget = (cores * 1e6) / TARGETS.endToEndEventsPerSecond;
  return (
    `CPU per event over the whole window (medians): main thread ${main.toFixed(1)} µs, the ` +
    `process's other threads (embedded engine, V8 helpers) ${other.toFixed(1)} µs, broker ` +
    `${broker.toFixed(1)} µs; ${total.toFixed(1)} µs in all (per run ` +
    `${measured.map((c) => totalUs(c).toFixed(1)).join(' / ')}). ` +
    `At ${int(TARGETS.endToEndEventsPerSecond)} events/s, ${cores} cores offer ${budget.toFixed(0)} µs per event.`
  );
}

/**
 * Replaces the section that starts with `heading` (up to the next `## ` heading) or appends
 * it: each bench rewrites only its own section of docs/benchmarks.md.
 */
export function replaceSection(document: string, heading: string, section: string): string {
  const start = document.indexOf(heading);
  if (start < 0) return `${document.trimEnd()}\n\n${section}`;
  const rest = document.slice(start + heading.length);
  const next = rest.search(/^## /m);
  const tail = next < 0 ? '' : rest.slice(next);
  return `${document.slice(0, start)}${section}${tail ? `\n${tail}` : ''}`;
}
