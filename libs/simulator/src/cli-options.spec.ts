import { CliUsageError, parseCliArgs, type SimulatorOptions } from './cli-options';

const NOW = Date.parse('2026-11-22T09:30:00Z');

function options(args: string[], env: Record<string, string> = {}): SimulatorOptions {
  const command = parseCliArgs(args, env, NOW);
  if (command.help) throw new Error('unexpected help');
  return command.options;
}

function usageError(args: string[], env: Record<string, string> = {}): string {
  try {
    parseCliArgs(args, env, NOW);
  } catch (error) {
    if (error instanceof CliUsageError) return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseCliArgs', () => {
  it('defaults to live traffic over HTTP to the local monitor', () => {
    expect(options([])).toEqual({
      mode: 'live',
      peakEventsPerSecond: 20,
      growth: 0,
      seed: NOW >>> 0,
      target: { kind: 'http', url: 'http://127.0.0.1:3000', apiKey: null },
      incidents: [],
    });
    expect(options([], { PORT: '8080' }).target).toEqual({
      kind: 'http',
      url: 'http://127.0.0.1:8080',
      apiKey: null,
    });
  });

  it('takes the API key from SIMULATOR_API_KEY, or --api-key over it', () => {
    expect(options([], { SIMULATOR_API_KEY: ' k-env ' }).target).toMatchObject({ apiKey: 'k-env' });
    expect(options(['--api-key', 'k_flag'], { SIMULATOR_API_KEY: 'k-env' }).target).toMatchObject({
      apiKey: 'k_flag',
    });
    expect(() => options(['--api-key', 'a key'])).toThrow(/^--api-key: is not a bearer token/);
  });

  it('targets Kafka when KAFKA_BROKERS is set', () => {
    expect(options([], { KAFKA_BROKERS: 'k1:9092, k2:9092' }).target).toEqual({
      kind: 'kafka',
      brokers: ['k1:9092', 'k2:9092'],
      topic: 'datasharing.transactions.v1',
    });
    expect(
      options(['--target', 'kafka', '--brokers', 'b:9092', '--topic', 'sim.v1'], {
        KAFKA_TOPIC: 'other',
      }).target,
    ).toEqual({ kind: 'kafka', brokers: ['b:9092'], topic: 'sim.v1' });
    expect(options(['--target', 'http'], { KAFKA_BROKERS: 'k1:9092' }).target.kind).toBe('http');
  });

  it('parses a backfill with growth, scale and a seed', () => {
    expect(
      options([
        '--mode=backfill',
        '--from',
        '2023-01-01',
        '--to',
        '2025-01-01T00:00:00Z',
        '--growth',
        '0.67',
        '--scale',
        '0.2',
        '--seed',
        '9',
      ]),
    ).toMatchObject({
      mode: 'backfill',
      fromMs: Date.parse('2023-01-01T00:00:00Z'),
      toMs: Date.parse('2025-01-01T00:00:00Z'),
      growth: 0.67,
      meanEventsPerSecond: 0.2,
      seed: 9,
    });
    expect(
      options(['--mode', 'backfill', '--from', '2023-01-01', '--to', '2024-01-01']),
    ).toMatchObject({ seed: 1, meanEventsPerSecond: 0.04 });
  });

  it('starts live incidents now for 10 minutes, and collects repeated --incident flags', () => {
    const { incidents } = options([
      '--incident',
      'outage:consumer=PROV-HNI.PORTAL,provider=MPS.NPD',
      '--incident',
      'slowdown:provider=GDT.TAX,factor=3',
    ]);
    expect(incidents).toHaveLength(2);
    expect(incidents[0]).toMatchObject({ kind: 'outage', fromMs: NOW, toMs: NOW + 600_000 });
    expect(incidents[1]).toMatchObject({ kind: 'slowdown', latencyFactor: 3 });
  });

  it('returns help for --help', () => {
    expect(parseCliArgs(['--help'], {}, NOW)).toEqual({ help: true });
  });

  it.each([
    [['--mode', 'replay'], /^--mode: expected live or backfill/],
    [['--mode', 'backfill', '--to', '2024-01-01'], /^--from: required/],
    [['--mode', 'backfill', '--from', '2024-01-01'], /^--to: required/],
    [
      ['--mode', 'backfill', '--from', '2024-02-30', '--to', '2025-01-01'],
      /^--from: '2024-02-30' is not a date/,
    ],
    [
      ['--mode', 'backfill', '--from', '2024-01-01', '--to', '2023-01-01'],
      /^--to: must be after --from/,
    ],
    [
      ['--mode', 'backfill', '--from', '2026-01-01', '--to', '2027-01-01'],
      /^--to: must not be in the future/,
    ],
    [
      ['--mode', 'backfill', '--from', '2023-01-01', '--to', '2024-01-01', '--rate', '5'],
      /^--rate: only applies to live/,
    ],
    [['--from', '2023-01-01'], /^--from: only applies to --mode backfill/],
    [['--growth=-1'], /^--growth: must be greater than -1/],
    [['--growth', 'lots'], /^--growth: 'lots' is not a number/],
    [['--rate', '0'], /^--rate: must be a positive number/],
    [['--seed', '1.5'], /^--seed: must be an integer/],
    [['--target', 'kafka'], /^--brokers: required for --target kafka/],
    [['--target', 'file'], /^--target: expected kafka or http/],
    [['--url', 'ftp://x'], /^--url: 'ftp:\/\/x' must be http or https/],
    [['--brokers', 'b:1', '--target', 'kafka', '--topic', 'bad topic'], /^--topic:/],
    [
      ['--incident', 'outage:consumer=NOPE'],
      /^--incident: incident 'outage:consumer=NOPE': unknown consumer/,
    ],
    [
      [
        '--mode',
        'backfill',
        '--from',
        '2023-01-01',
        '--to',
        '2024-01-01',
        '--incident',
        'outage:provider=MPS.NPD',
      ],
      /^--incident: .*'from' is required/,
    ],
    [
      [
        '--mode',
        'backfill',
        '--from',
        '2023-01-01',
        '--to',
        '2024-01-01',
        '--incident',
        'outage:provider=MPS.NPD,from=2025-01-01',
      ],
      /^--incident: an incident lies outside/,
    ],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j', (args, message) => {
    expect(usageError(args)).toMatch(message);
  });
});
