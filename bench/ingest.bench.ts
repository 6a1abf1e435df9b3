/**
 * Ingest throughput, freshness and memory of the Kafka → ClickHouse pipeline on this machine.
 *
 *   npm run bench:ingest [-- --events 480000 --runs 3 --no-docs]
 *   npm run bench:ingest -- --end-to-end-only --runs 5   # compare changes: end to end alone, no docs
 *
 * Against librdkafka's mock cluster (a child process on loopback) and the embedded ClickHouse
 * (chdb, in this process). See docs/benchmarks.md for what each figure means.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as inspector from 'node:inspector';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Admin, Consumer, Kafka, Message, Producer } from 'kafkajs';
import { sleep } from '@datashare/clock';
import {
  SubjectPseudonymizer,
  type TransactionRecord,
  decodeTransactionMessage,
} from '@datashare/contract';
import {
  type ClickHouseDatabase,
  TransactionStore,
  applyMigrations,
  openClickHouse,
} from '@datashare/storage';
import { benchEvent } from './events';
import { MockKafka, REPO_ROOT } from '@datashare/kafka-mock';
import {
  BENCH_KEY,
  DEFAULT_LIMITS,
  MAX_FUTURE_SKEW_MS,
  benchKafka,
  createIngestPipeline,
} from './pipeline';
import { type CpuMark, type CpuPerEvent, cpuPerEvent, markCpu, totalUs } from './cpu-time';
import { runIngestorProcess } from './ingestor-process';
import { type IngestResults, describeMachine, median, writeIngestSection } from './report';

const PARTITIONS = 24;
const PRODUCE_CHUNK = 6_000;
const INSERT_BATCH = 50_000;
const FETCH_MAX_WAIT_MS = 100;
const MAX_BYTES_PER_PARTITION = 8 * 1024 * 1024;
/** The mock keeps at most 5 MiB per partition and silently drops the oldest beyond it. */
const MOCK_PARTITION_LIMIT = 5 * 1024 * 1024;
const FRESHNESS_RATE = 10_000;
const FRESHNESS_SECONDS = 20;
const FRESHNESS_TICK_MS = 100;
const PHASE_TIMEOUT_MS = 300_000;
/** How often the end-to-end phase reads the group's committed offsets. */
const POLL_MS = 50;

interface Options {
  events: number;
  runs: number;
  writeDocs: boolean;
  /** Where to write a CPU profile of run 1's end-to-end phase, if anywhere. */
  profile: string | null;
  /** Only the end-to-end phase, repeated: for comparing two versions of the pipeline. */
  endToEndOnly: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      // About 4 MiB per partition: the mock broker keeps at most 5 MiB of each. Enough batches
      // for the steady window (10% to 90% committed) to span several writes.
      events: { type: 'string', default: '480000' },
      runs: { type: 'string', default: '3' },
      'no-docs': { type: 'boolean', default: false },
      profile: { type: 'string' },
      'end-to-end-only': { type: 'boolean', default: false },
    },
  });
  const events = Number(values.events);
  const runs = Number(values.runs);
  if (!Number.isInteger(events) || events < PARTITIONS)
    throw new Error('--events must be an integer ≥ 24');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const endToEndOnly = values['end-to-end-only'];
  return {
    events,
    runs,
    // A partial run never replaces the section of docs/benchmarks.md.
    writeDocs: !values['no-docs'] && !endToEndOnly,
    profile: values.profile ?? null,
    endToEndOnly,
  };
}

const log = (message: string) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** A short random-free suffix: names must differ between phases and runs, not between processes. */
const stamp = Date.now().toString(36);

async function main(): Promise<void> {
  const options = parseOptions();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'datashare-bench-'));
  log(`events ${options.events}, runs ${options.runs}, ClickHouse data in ${dataDir}`);
  const broker = await MockKafka.start(1);
  const kafka = benchKafka(broker.brokers);
  const admin = kafka.admin();
  await admin.connect();
  const opened: ClickHouseDatabase[] = [];
  const openDb = async (name: string) => {
    const db = await openClickHouse(
      { url: null, username: 'default', password: '', database: name },
      dataDir,
    );
    opened.push(db);
    await applyMigrations(db, 'UTC');
    return db;
  };
  try {
    const rssStart = process.memoryUsage().rss;
    const baseline = libraryRss();
    const versionDb = await openDb(`bench_${stamp}_meta`);
    const rssWithClickHouse = process.memoryUsage().rss;
    log(
      `RSS ${mib(rssStart)} MiB at start, ${mib(process.memoryUsage().rss)} MiB with the embedded ClickHouse open`,
    );
    const chVersion = await scalar(versionDb, 'SELECT version() AS v');

    const topic = `bench-ingest-${stamp}`;
    await broker.createTopic(topic, PARTITIONS);
    const produced = await preProduce(kafka, topic, options.events);
    log(
      `produced ${produced.events} events, ${produced.bytes} bytes (avg ${(produced.bytes / produced.events).toFixed(0)} B), ` +
        `max ${(produced.maxPartitionBytes / 1048576).toFixed(2)} MiB/partition, ${rate(produced.events, produced.ms)} events/s`,
    );
    const high = await highWatermarks(admin, topic);
    const highTotal = [...high.values()].reduce((a, b) => a + b, 0);
    if (highTotal !== options.events)
      throw new Error(`the topic holds ${highTotal} messages, not ${options.events}`);

    const runs: IngestResults['runs'] = [];
    const endToEndRuns: { steady: number; cpuUs: number | null }[] = [];
    for (let run = 1; run <= options.runs; run++) {
      // End to end first, so that its RSS is not inflated by what ceiling B left on the heap.
      const eDb = await openDb(`bench_${stamp}_e${run}`);
      collectGarbage();
      const profile = run === 1 ? options.profile : null;
      const e = await endToEnd(
        eDb,
        broker.brokers,
        admin,
        topic,
        high,
        `bench-e-${stamp}-${run}`,
        profile,
        broker.pid,
      );
      await dropDb(eDb);
      log(
        `run ${run}: end to end ${rate(options.events, e.ms)} events/s (${e.ms.toFixed(0)} ms, group join ${e.joinMs.toFixed(0)} ms, first commit ${e.firstCommitMs.toFixed(0)} ms), ` +
          `peak RSS ${mib(e.peakRss)} MiB (before ${mib(e.rssBefore)} MiB; JS heap + buffers peak ${mib(e.peakJs)} MiB), ${e.parts} parts, ` +
          `whole window ${rate(options.events, e.ms - e.joinMs)} events/s, steady (10% to 90% committed) ${Math.round(e.steadyEventsPerSecond).toLocaleString('en-US')} events/s, ` +
          `CPU per event ${describeCpu(e.cpu)}`,
      );
      endToEndRuns.push({ steady: e.steadyEventsPerSecond, cpuUs: e.cpu ? totalUs(e.cpu) : null });
      if (options.endToEndOnly) continue;
      const a = await ceilingBroker(kafka, topic, options.events, `bench-a-${stamp}-${run}`);
      log(
        `run ${run}: ceiling A (broker fetch) ${rate(options.events, a)} events/s (${a.toFixed(0)} ms)`,
      );
      const bDb = await openDb(`bench_${stamp}_b${run}`);
      const { ms: b, decodeMs } = await ceilingInsert(bDb, options.events, run);
      await dropDb(bDb);
      log(
        `run ${run}: ceiling B (decode + insert) ${rate(options.events, b)} events/s (${b.toFixed(0)} ms, ` +
          `of which decode ${decodeMs.toFixed(0)} ms, insert ${(b - decodeMs).toFixed(0)} ms)`,
      );
      runs.push({
        ceilingBrokerMs: a,
        ceilingInsertMs: b,
        decodeMs,
        endToEndMs: e.ms,
        joinMs: e.joinMs,
        cpuPerEvent: e.cpu,
        steadyEventsPerSecond: e.steadyEventsPerSecond,
        firstCommitMs: e.firstCommitMs,
        peakRssBytes: e.peakRss,
        peakJsBytes: e.peakJs,
        rssBeforeBytes: e.rssBefore,
      });
    }
    if (options.endToEndOnly) {
      const cpu = endToEndRuns.flatMap((r) => (r.cpuUs === null ? [] : [r.cpuUs]));
      log(
        `end to end only, ${options.runs} run(s): steady median ${Math.round(median(endToEndRuns.map((r) => r.steady))).toLocaleString('en-US')} events/s ` +
          `(${endToEndRuns.map((r) => Math.round(r.steady).toLocaleString('en-US')).join(' / ')}), ` +
          `CPU per event median ${cpu.length > 0 ? median(cpu).toFixed(1) : '?'} µs (${cpu.map((c) => c.toFixed(1)).join(' / ')})`,
      );
      return;
    }

    const deployed = await runIngestorProcess({
      brokers: broker.brokers,
      admin,
      topic,
      expected: options.events,
      groupId: `bench-p-${stamp}`,
      database: `bench_${stamp}_p`,
      timeoutMs: PHASE_TIMEOUT_MS,
    });
    log(
      `ingestor process: whole window ${rate(options.events, deployed.sustainedMs)} events/s (group join ${deployed.joinMs.toFixed(0)} ms), ` +
        `peak RSS ${mib(deployed.peakRssBytes)} MiB`,
    );

    const freshDb = await openDb(`bench_${stamp}_fresh`);
    const freshness = await freshnessAt(broker, kafka, freshDb);
    await dropDb(freshDb);
    log(
      `freshness at ${freshness.achievedRate.toFixed(0)} events/s: p50 ${freshness.p50Ms} ms, p99 ${freshness.p99Ms} ms, ` +
        `max ${freshness.maxMs} ms over ${freshness.samples} produce batches`,
    );

    const results: IngestResults = {
      date: new Date().toISOString(),
      machine: describeMachine(chVersion),
      events: options.events,
      partitions: PARTITIONS,
      producedBytes: produced.bytes,
      runs,
      freshness,
      deployed,
      rss: { ...baseline, benchAtStart: rssStart, withClickHouseOpen: rssWithClickHouse },
    };
    const table = writeIngestSection(
      results,
      options.writeDocs ? path.join(REPO_ROOT, 'docs', 'benchmarks.md') : null,
    );
    console.log(`\n${table}\n`);
  } finally {
    await admin.disconnect().catch(() => undefined);
    for (const db of opened) await db.close().catch(() => undefined);
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Pre-produces `count` events round-robin over the partitions, a few requests in flight. */
async function preProduce(
  kafka: Kafka,
  topic: string,
  count: number,
): Promise<{ events: number; bytes: number; maxPartitionBytes: number; ms: number }> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false });
  await producer.connect();
  const perPartition = new Array<number>(PARTITIONS).fill(0);
  let bytes = 0;
  const base = Date.now() - 60 * 60_000;
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  for (let from = 0; from < count; from += PRODUCE_CHUNK) {
    const messages: Message[] = [];
    for (let n = from; n < Math.min(count, from + PRODUCE_CHUNK); n++) {
      const value = benchEvent(n, base + n);
      const partition = n % PARTITIONS;
      perPartition[partition] = (perPartition[partition] ?? 0) + value.length;
      bytes += value.length;
      messages.push({ partition, value });
    }
    const sent: Promise<unknown> = producer
      .send({ topic, acks: 1, messages })
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const ms = performance.now() - started;
  await producer.disconnect();
  const maxPartitionBytes = Math.max(...perPartition);
  if (maxPartitionBytes > MOCK_PARTITION_LIMIT * 0.8) {
    throw new Error(
      `${(maxPartitionBytes / 1048576).toFixed(1)} MiB in one partition: the mock broker drops the oldest beyond 5 MiB`,
    );
  }
  return { events: count, bytes, maxPartitionBytes, ms };
}

async function highWatermarks(admin: Admin, topic: string): Promise<Map<number, number>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
}

/** Ceiling A: a consumer that only counts; ms from the first message to the last. */
async function ceilingBroker(
  kafka: Kafka,
  topic: string,
  count: number,
  groupId: string,
): Promise<number> {
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    maxBytes: 64 * 1024 * 1024,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  let last = 0;
  const done = new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error(`ceiling A saw ${seen} of ${count}`)),
      PHASE_TIMEOUT_MS,
    );
    void consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 2,
      eachBatch: async ({ batch }) => {
        if (batch.messages.length === 0) return;
        if (first === 0) first = performance.now();
        seen += batch.messages.length;
        if (seen >= count && last === 0) {
          last = performance.now();
          clearTimeout(timeout);
          resolve();
        }
        return Promise.resolve();
      },
    });
  });
  await done;
  await consumer.disconnect();
  return last - first;
}

/** Ceiling B: decode + insert the same events, batches of 50,000 with distinct tokens; ms. */
async function ceilingInsert(
  db: ClickHouseDatabase,
  count: number,
  run: number,
): Promise<{ ms: number; decodeMs: number }> {
  const store = new TransactionStore(db);
  const pseudonymizer = new SubjectPseudonymizer(BENCH_KEY);
  const pseudonymize = (id: string) => pseudonymizer.pseudonymize(id);
  const base = Date.now() - 60 * 60_000;
  let total = 0;
  let decodeMs = 0;
  for (let from = 0, batch = 0; from < count; from += INSERT_BATCH, batch++) {
    const values: Buffer[] = [];
    for (let n = from; n < Math.min(count, from + INSERT_BATCH); n++)
      values.push(benchEvent(n, base + n));
    const started = performance.now();
    const nowMs = Date.now();
    const records: TransactionRecord[] = [];
    for (const value of values) {
      const decoded = decodeTransactionMessage(value, {
        nowMs,
        maxFutureSkewMs: MAX_FUTURE_SKEW_MS,
        pseudonymize,
      });
      if (!decoded.ok) throw new Error(`rejected: ${decoded.rejection.detail}`);
      records.push(decoded.record);
    }
    decodeMs += performance.now() - started;
    await store.insert(records, `bench-b-${stamp}-${run}-${batch}`);
    total += performance.now() - started;
  }
  const stored = Number(await scalar(db, `SELECT count() AS v FROM ${db.database}.transactions`));
  if (stored !== count) throw new Error(`ceiling B stored ${stored} of ${count}`);
  return { ms: total, decodeMs };
}

/** The real consumer from start to every offset committed, with RSS sampled every 100 ms. */
async function endToEnd(
  db: ClickHouseDatabase,
  brokers: string[],
  admin: Admin,
  topic: string,
  high: Map<number, number>,
  groupId: string,
  profilePath: string | null,
  brokerPid: number | undefined,
): Promise<{
  ms: number;
  joinMs: number;
  cpu: CpuPerEvent | null;
  steadyEventsPerSecond: number;
  firstCommitMs: number;
  peakJs: number;
  peakRss: number;
  rssBefore: number;
  parts: number;
}> {
  const pipeline = createIngestPipeline({
    db,
    brokers,
    topic,
    groupId,
    limits: DEFAULT_LIMITS,
    fetchMaxWaitMs: FETCH_MAX_WAIT_MS,
  });
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakJs = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakJs = Math.max(peakJs, usage.heapUsed + usage.external);
  };
  const sampler = setInterval(sample, 100);
  // Instrumentation only: the consumer's kafkajs client is private, the join event is public API.
  const inner = (pipeline.consumer as unknown as { consumer: Consumer }).consumer;
  let joinedAt = 0;
  let cpuAtJoin: CpuMark | null = null;
  inner.on(inner.events.GROUP_JOIN, () => {
    joinedAt ||= performance.now();
    cpuAtJoin ??= markCpu(brokerPid);
  });
  const profiler = profilePath ? await startProfiler() : null;
  const started = performance.now();
  let ms = 0;
  let firstCommitAt = 0;
  let cpuAtEnd: CpuMark | null = null;
  const progress: CommitProgress[] = [];
  try {
    await pipeline.consumer.start();
    const deadline = started + PHASE_TIMEOUT_MS;
    for (;;) {
      const { done, committed } = await committedState(admin, groupId, topic, high);
      const at = performance.now();
      if (committed > 0) firstCommitAt ||= at;
      progress.push({ at, committed });
      if (done) break;
      if (performance.now() > deadline)
        throw new Error('end to end: offsets not committed in time');
      await sleep(POLL_MS);
    }
    ms = performance.now() - started;
    cpuAtEnd = markCpu(brokerPid);
    if (profiler && profilePath) writeFileSync(profilePath, JSON.stringify(await profiler.stop()));
  } finally {
    clearInterval(sampler);
    sample();
    await pipeline.stop();
  }
  const expected = [...high.values()].reduce((a, b) => a + b, 0);
  const stored = Number(await scalar(db, `SELECT count() AS v FROM ${db.database}.transactions`));
  if (stored !== expected) throw new Error(`end to end stored ${stored} of ${expected}`);
  const parts = Number(
    await scalar(
      db,
      `SELECT count() AS v FROM system.parts WHERE database = '${db.database}' AND table = 'transactions' AND active`,
    ),
  );
  return {
    ms,
    joinMs: joinedAt - started,
    cpu: cpuAtJoin && cpuAtEnd ? cpuPerEvent(cpuAtJoin, cpuAtEnd, expected) : null,
    steadyEventsPerSecond: steadyRate(progress, expected),
    firstCommitMs: firstCommitAt - started,
    peakRss,
    peakJs,
    rssBefore,
    parts,
  };
}

function describeCpu(cpu: CpuPerEvent | null): string {
  if (cpu === null) return 'not measured (no /proc)';
  const { mainThreadUs: main, otherThreadsUs: other, brokerUs: broker } = cpu;
  return `${totalUs(cpu).toFixed(1)} µs (main thread ${main.toFixed(1)}, other threads ${other.toFixed(1)}, broker ${broker.toFixed(1)})`;
}

async function committedState(
  admin: Admin,
  groupId: string,
  topic: string,
  high: Map<number, number>,
): Promise<{ done: boolean; committed: number }> {
  const [group] = await admin.fetchOffsets({ groupId, topics: [topic] });
  if (!group) return { done: false, committed: 0 };
  return {
    done: group.partitions.every((p) => Number(p.offset) >= (high.get(p.partition) ?? 0)),
    // A partition with nothing committed reads as -1.
    committed: group.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0),
  };
}

interface CommitProgress {
  at: number;
  committed: number;
}

/**
 * The rate at which events were committed between the polls that first saw 10% and 90% of
 * them committed: the stream's steady pace, without the start (group join, the ledger read, the
 * first batch filling) and the end (the last, partial batch waits for its age cut).
 */
function steadyRate(progress: readonly CommitProgress[], expected: number): number {
  const from = progress.find((p) => p.committed >= expected * 0.1);
  const to = progress.find((p) => p.committed >= expected * 0.9);
  if (!from || !to || to.at <= from.at) return Number.NaN;
  return (to.committed - from.committed) / ((to.at - from.at) / 1000);
}

/** RSS of a bare node, and with kafkajs and the chdb library loaded, each in a child process. */
function libraryRss(): { node: number; kafkajs: number; chdbLibrary: number } {
  const script =
    "const a = process.memoryUsage().rss; require('kafkajs'); const b = process.memoryUsage().rss; " +
    "require('chdb'); console.log(JSON.stringify([a, b, process.memoryUsage().rss]));";
  const out = execFileSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  const [node = 0, kafkajs = 0, chdb = 0] = JSON.parse(out) as number[];
  return { node, kafkajs: kafkajs - node, chdbLibrary: chdb - kafkajs };
}

/**
 * Freshness: a producer paced at 10,000 events/s (a batch every 100 ms) for 20 s into a fresh
 * topic, the consumer at the production limits, `count()` polled every 100 ms. For each produce
 * batch, freshness = the first poll (answer received) at which the count covers it − the time
 * the batch was handed to the producer.
 */
async function freshnessAt(
  broker: MockKafka,
  kafka: Kafka,
  db: ClickHouseDatabase,
): Promise<IngestResults['freshness']> {
  const topic = `bench-fresh-${stamp}`;
  const groupId = `bench-fresh-${stamp}`;
  await broker.createTopic(topic, PARTITIONS);
  const pipeline = createIngestPipeline({
    db,
    brokers: broker.brokers,
    topic,
    groupId,
    limits: DEFAULT_LIMITS,
    fetchMaxWaitMs: FETCH_MAX_WAIT_MS,
  });
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false });
  await producer.connect();
  await pipeline.consumer.start();
  // The mock has no DescribeGroups: wait until one event per partition is queryable instead.
  const warmUp = PARTITIONS;
  await producer.send({
    topic,
    acks: 1,
    messages: Array.from({ length: warmUp }, (_, p) => ({
      partition: p,
      value: benchEvent(p, Date.now(), 'W'),
    })),
  });
  const ready = performance.now() + 60_000;
  while (
    Number(await scalar(db, `SELECT count() AS v FROM ${db.database}.transactions`)) < warmUp
  ) {
    if (performance.now() > ready) throw new Error('freshness: the warm-up events never arrived');
    await sleep(100);
  }

  const perTick = Math.round((FRESHNESS_RATE * FRESHNESS_TICK_MS) / 1000);
  const ticks = Math.round((FRESHNESS_SECONDS * 1000) / FRESHNESS_TICK_MS);
  const total = perTick * ticks;
  const batches: { cumulative: number; producedAt: number; visibleAt: number | null }[] = [];
  let polling = true;
  let lastCount = 0;
  const poller = (async () => {
    while (polling) {
      const issued = performance.now();
      const count = Number(
        await scalar(db, `SELECT count() AS v FROM ${db.database}.transactions`),
      );
      const answered = performance.now();
      lastCount = count;
      for (const b of batches)
        if (b.visibleAt === null && count >= b.cumulative) b.visibleAt = answered;
      await sleep(Math.max(0, FRESHNESS_TICK_MS - (answered - issued)));
    }
  })();

  const started = performance.now();
  for (let tick = 0; tick < ticks; tick++) {
    const due = started + tick * FRESHNESS_TICK_MS;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const producedAt = performance.now();
    const occurredAt = Date.now();
    const messages: Message[] = [];
    for (let i = 0; i < perTick; i++) {
      const n = tick * perTick + i;
      messages.push({ partition: n % PARTITIONS, value: benchEvent(n, occurredAt, 'F') });
    }
    batches.push({ cumulative: warmUp + (tick + 1) * perTick, producedAt, visibleAt: null });
    await producer.send({ topic, acks: 1, messages });
  }
  const producingMs = performance.now() - started;
  const deadline = performance.now() + 60_000;
  while (lastCount < warmUp + total && performance.now() < deadline) await sleep(100);
  polling = false;
  await poller;
  await producer.disconnect();
  await pipeline.stop();
  const latencies = batches
    .map((b) => (b.visibleAt === null ? Number.POSITIVE_INFINITY : b.visibleAt - b.producedAt))
    .sort((a, b) => a - b);
  return {
    targetRate: FRESHNESS_RATE,
    achievedRate: total / (producingMs / 1000),
    seconds: FRESHNESS_SECONDS,
    samples: latencies.length,
    unseen: latencies.filter((l) => !Number.isFinite(l)).length,
    p50Ms: Math.round(percentile(latencies, 0.5)),
    p99Ms: Math.round(percentile(latencies, 0.99)),
    maxMs: Math.round(latencies[latencies.length - 1] ?? Number.NaN),
  };
}

/** A CPU profile of this (the main) thread, from now until stop(); chdb's own threads are not in it. */
async function startProfiler(): Promise<{ stop(): Promise<object> }> {
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (error, result) =>
        error ? reject(error) : resolve(result as T),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post<{ profile: object }>('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/** A full GC when it can be had (node's --expose-gc, switched on from here), so RSS starts clean. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') (gc as () => void)();
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function scalar(db: ClickHouseDatabase, query: string): Promise<string> {
  const result = await db.client.query({ query, format: 'JSONEachRow' });
  const [row] = await result.json<{ v: string | number }>();
  return String(row?.v ?? '');
}

async function dropDb(db: ClickHouseDatabase): Promise<void> {
  await db.client.command({ query: `DROP DATABASE IF EXISTS ${db.database} SYNC` });
}

function rate(events: number, ms: number): string {
  return Math.round(events / (ms / 1000)).toLocaleString('en-US');
}

function mib(bytes: number): string {
  return (bytes / 1048576).toFixed(0);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
