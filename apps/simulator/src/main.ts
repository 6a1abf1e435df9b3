import {
  CliUsageError,
  createRng,
  createTrafficModel,
  HttpEventSink,
  KafkaEventSink,
  LiveTrafficRunner,
  parseCliArgs,
  runBackfill,
  scaleForMeanRate,
  USAGE,
  type BackfillOptions,
  type EventSink,
  type LiveOptions,
  type SinkTarget,
} from '@datashare/simulator';
import { Presets, SingleBar } from 'cli-progress';

const STATUS_INTERVAL_MS = 10_000;
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;

async function main(): Promise<number> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2), process.env, Date.now());
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`simulate: ${error.message}\nRun with --help for usage.\n`);
    return EXIT_USAGE;
  }
  if (command.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { options } = command;
  process.stderr.write(
    `simulate: ${options.mode} to ${describeTarget(options.target)}, seed ${options.seed}\n`,
  );
  const sink = await openSink(options.target);
  try {
    return options.mode === 'live' ? await runLive(options, sink) : await backfill(options, sink);
  } finally {
    await sink.close();
  }
}

async function runLive(options: LiveOptions, sink: EventSink): Promise<number> {
  const model = createTrafficModel({
    peakEventsPerSecond: options.peakEventsPerSecond,
    growth: { yearlyRatio: options.growth, referenceMs: Date.now() },
    incidents: options.incidents,
  });
  let lastErrorReportMs = 0;
  const runner = new LiveTrafficRunner({
    model,
    sink,
    clock: Date.now,
    rng: createRng(options.seed),
    idPrefix: `SIM-${options.seed}`,
    // Keep going through a broker or monitor restart, but do not print an error every second.
    onError: (error) => {
      if (Date.now() - lastErrorReportMs < STATUS_INTERVAL_MS) return;
      lastErrorReportMs = Date.now();
      process.stderr.write(`simulate: send failed, events dropped: ${describeError(error)}\n`);
    },
  });
  let reportedCount = 0;
  const status = setInterval(() => {
    const perSecond = (runner.eventsSent - reportedCount) / (STATUS_INTERVAL_MS / 1000);
    reportedCount = runner.eventsSent;
    process.stderr.write(
      `simulate: ${runner.eventsSent} events sent (${perSecond.toFixed(1)}/s)\n`,
    );
  }, STATUS_INTERVAL_MS);
  runner.start();
  const signal = await nextStopSignal();
  clearInterval(status);
  await runner.stop();
  process.stderr.write(`simulate: ${signal}, stopped after ${runner.eventsSent} events\n`);
  return 0;
}

async function backfill(options: BackfillOptions, sink: EventSink): Promise<number> {
  const model = createTrafficModel({
    growth: { yearlyRatio: options.growth, referenceMs: options.fromMs },
    incidents: options.incidents,
  });
  const abort = new AbortController();
  void nextStopSignal().then(() => abort.abort());
  const bar = new SingleBar(
    {
      format: 'backfill [{bar}] {percentage}% | {events} events | ETA {eta_formatted}',
      stream: process.stderr,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  bar.start(1000, 0, { events: 0 });
  const startedMs = Date.now();
  let result;
  try {
    result = await runBackfill(
      model,
      {
        fromMs: options.fromMs,
        toMs: options.toMs,
        rng: createRng(options.seed),
        scale: scaleForMeanRate(model, options.meanEventsPerSecond),
        idPrefix: `SIM-${options.seed}`,
      },
      sink,
      ({ eventsSent, fraction }) => bar.update(Math.round(fraction * 1000), { events: eventsSent }),
      { signal: abort.signal },
    );
  } finally {
    bar.stop();
  }
  const elapsedS = (Date.now() - startedMs) / 1000;
  const perSecond = result.eventsSent / Math.max(elapsedS, 0.001);
  process.stdout.write(
    `${result.completed ? 'backfill done' : 'backfill interrupted'}: ${result.eventsSent} events sent ` +
      `in ${elapsedS.toFixed(1)} s (${Math.round(perSecond)} events/s)\n`,
  );
  return result.completed ? 0 : EXIT_INTERRUPTED;
}

async function openSink(target: SinkTarget): Promise<EventSink> {
  switch (target.kind) {
    case 'kafka':
      return KafkaEventSink.connect({ brokers: target.brokers, topic: target.topic });
    case 'http':
      return new HttpEventSink({ baseUrl: target.url, apiKey: target.apiKey });
  }
}

function describeTarget(target: SinkTarget): string {
  switch (target.kind) {
    case 'kafka':
      return `kafka ${target.brokers.join(',')} topic ${target.topic}`;
    case 'http':
      return `http ${target.url}${target.apiKey === null ? ' without an API key' : ''}`;
  }
}

function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`simulate: ${describeError(error)}\n`);
    process.exitCode = 1;
  },
);
