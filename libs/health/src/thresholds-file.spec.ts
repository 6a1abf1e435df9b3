import {
  EMPTY_HEALTH_THRESHOLDS_CONFIG,
  HealthThresholdsFileError,
  parseHealthThresholdsFile,
} from './thresholds-file';

const SOURCE = 'config/health-thresholds.json';
const parse = (value: unknown) => parseHealthThresholdsFile(JSON.stringify(value), SOURCE);

/** The error message for a file, or a failure if it parsed. */
function errorOf(value: unknown, raw = false): string {
  try {
    parseHealthThresholdsFile(raw ? String(value) : JSON.stringify(value), SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(HealthThresholdsFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

describe('parseHealthThresholdsFile', () => {
  it('reads an empty object as no overrides', () => {
    expect(parse({})).toEqual(EMPTY_HEALTH_THRESHOLDS_CONFIG);
  });

  it('reads every layer and drops notes', () => {
    const config = parse({
      defaults: { silenceMs: 900_000, note: 'nights are long' },
      agencies: {
        MPS: { enterWorseAfter: 1 },
        'MPS.NPD': { targetSuccessRatio: 0.99, silenceMs: 300_000, note: 'population database' },
      },
      connections: [
        { platform: 'NDXP', consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD', p95LatencyMs: 1500 },
      ],
    });
    expect(config.defaults).toEqual({ silenceMs: 900_000 });
    expect([...config.agencies]).toEqual([
      ['MPS', { enterWorseAfter: 1 }],
      ['MPS.NPD', { targetSuccessRatio: 0.99, silenceMs: 300_000 }],
    ]);
    expect(config.connections).toEqual([
      {
        connection: { platform: 'NDXP', consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD' },
        thresholds: { p95LatencyMs: 1500 },
      },
    ]);
  });

  it('accepts every threshold field', () => {
    const all = {
      windowMs: 600_000,
      silenceMs: 300_000,
      downSuccessRatio: 0.6,
      targetSuccessRatio: 0.98,
      minVolume: 50,
      p95LatencyMs: 2_000,
      enterWorseAfter: 3,
      recoverAfter: 4,
      expectedMinTransactions: 2.5,
      minHistoryDays: 3,
    };
    expect(parse({ defaults: all }).defaults).toEqual(all);
  });

  it('names the file when the text is not JSON', () => {
    expect(errorOf('{ "defaults": ', true)).toMatch(
      /^config\/health-thresholds\.json: not valid JSON: /,
    );
  });

  it.each([
    ['a top level that is not an object', [], /\(top level\): Invalid input: expected object/],
    ['a misspelt key', { defaults: { silenceMS: 1 } }, /defaults: Unrecognized key: "silenceMS"/],
    ['an unknown section', { agency: {} }, /\(top level\): Unrecognized key: "agency"/],
    [
      'a percentage for a ratio',
      { defaults: { targetSuccessRatio: 95 } },
      /defaults\.targetSuccessRatio: Too big/,
    ],
    [
      'a string for a number',
      { defaults: { minVolume: '20' } },
      /defaults\.minVolume: Invalid input: expected number/,
    ],
    [
      'a window of seconds',
      { defaults: { windowMs: 90_000 } },
      /defaults\.windowMs: must be whole minutes/,
    ],
    [
      'seconds for milliseconds',
      { defaults: { silenceMs: 600 } },
      /defaults\.silenceMs: Too small/,
    ],
    ['a zero count', { defaults: { recoverAfter: 0 } }, /defaults\.recoverAfter: Too small/],
    [
      'a fractional count',
      { defaults: { enterWorseAfter: 1.5 } },
      /defaults\.enterWorseAfter: Invalid input: expected int/,
    ],
    [
      'a bad field of a dotted agency',
      { agencies: { 'MPS.NPD': { silenceMs: -1 } } },
      /agencies\["MPS\.NPD"\]\.silenceMs: Too small/,
    ],
    [
      'a bad agency code',
      { agencies: { 'MPS NPD': {} } },
      /agencies\["MPS NPD"\]: key must be a code of letters/,
    ],
    [
      'a prototype key',
      JSON.parse('{"agencies":{"__proto__":{"minVolume":1}}}'),
      /agencies\["__proto__"\]: key must be a code/,
    ],
    [
      'a connection without its provider',
      { connections: [{ platform: 'NDXP', consumer: 'A.B' }] },
      /connections\[0\]\.provider: Invalid input: expected string/,
    ],
    [
      'a bad field of a connection',
      { connections: [{ platform: 'NDXP', consumer: 'A', provider: 'B', minVolume: 0 }] },
      /connections\[0\]\.minVolume: Too small/,
    ],
    [
      'a floor above the target',
      { agencies: { MPS: { downSuccessRatio: 0.97 } } },
      /agencies\.MPS\.downSuccessRatio: downSuccessRatio \(0\.97\) must not be above targetSuccessRatio \(0\.95\)/,
    ],
    [
      'a target under the default floor',
      { defaults: { targetSuccessRatio: 0.4 } },
      /defaults\.targetSuccessRatio: downSuccessRatio \(0\.5\) must not be above targetSuccessRatio \(0\.4\)/,
    ],
  ])('rejects %s, naming the file and the field', (_, file, message) => {
    const text = errorOf(file);
    expect(text.startsWith(`${SOURCE}: invalid health thresholds:\n`)).toBe(true);
    expect(text).toMatch(message);
  });

  it('rejects a connection listed twice, naming both entries', () => {
    const entry = { platform: 'NDXP', consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD' };
    expect(errorOf({ connections: [entry, { ...entry, minVolume: 5 }] })).toMatch(
      /connections\[1\]: repeats connections\[0\] \(NDXP PROV-HNI\.PORTAL → MPS\.NPD\)/,
    );
  });

  it('lists every bad field, one a line', () => {
    const text = errorOf({ defaults: { minVolume: 0, p95LatencyMs: 'slow' } });
    expect(text.split('\n')).toHaveLength(3);
  });
});

describe('parseHealthThresholdsFile: history', () => {
  it('refuses more days of history than the evaluator supplies (7)', () => {
    expect(() =>
      parseHealthThresholdsFile(JSON.stringify({ defaults: { minHistoryDays: 8 } }), 'h.json'),
    ).toThrow(/defaults\.minHistoryDays/);
  });
});
