import { ConfigError, loadConfig } from './load-config';

const KEY = 'k'.repeat(32);

/** The error loadConfig throws for this environment (fails the test when it does not throw). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

/** The variables named in a ConfigError, one per line after the first. */
const namedVariables = (error: ConfigError): string[] =>
  error.message
    .split('\n')
    .slice(1)
    .map((line) => /^ {2}([A-Z_]+): /.exec(line)?.[1] ?? `unparsed line: ${line}`);

describe('loadConfig: defaults', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect({ ...config, dataDir: undefined }).toEqual({
      environment: 'development',
      logLevel: 'info',
      http: { port: 3000, host: '0.0.0.0', ingestMaxBodyBytes: 16 * 1024 * 1024 },
      kafka: null,
      clickhouse: {
        url: null,
        username: 'default',
        password: '',
        database: 'datashare',
        cluster: null,
      },
      batching: {
        maxRows: 50_000,
        maxBytes: 8 * 1024 * 1024,
        maxWaitMs: 1000,
        maxBufferedBytes: 32 * 1024 * 1024,
      },
      ingest: { maxFutureSkewMs: 300_000, retryInitialMs: 200, retryMaxMs: 30_000 },
      retention: { rawDays: 400, rejectionsDays: 90, rollupDays: 1826, accessLogDays: 1826 },
      reporting: {
        timezone: 'Asia/Ho_Chi_Minh',
        maxRangeDays: 1098,
        maxBuckets: 1000,
        lateArrivalWindowMs: 7 * 86_400_000,
      },
      health: { evaluator: true, evaluationIntervalMs: 30_000, thresholdsFile: null },
      simulate: true,
      simulation: { peakEventsPerSecond: 20, incidents: [] },
      subjectHmacKey: null,
      dataDir: undefined,
      history: { maxRangeDays: 31, exportMaxRangeDays: 366 },
      auth: { apiKeysFile: null, oidc: null, metricsRequireAuth: false },
      console: { grafanaUrl: null },
    });
    expect(config.dataDir).toMatch(/^\/.*\/data$/);
  });

  it('resolves DATA_DIR to an absolute path', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/datashare/' }).dataDir).toBe('/var/lib/datashare');
  });

  it('has no Kafka when KAFKA_BROKERS is unset or blank', () => {
    expect(loadConfig({}).kafka).toBeNull();
    expect(loadConfig({ KAFKA_BROKERS: '' }).kafka).toBeNull();
    expect(loadConfig({ KAFKA_BROKERS: '   ' }).kafka).toBeNull();
  });

  it('gives the Kafka defaults once brokers are set, with the DLQ named after the topic', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'kafka:9092' }).kafka).toEqual({
      brokers: ['kafka:9092'],
      clientId: 'datashare-monitor',
      topic: 'datasharing.transactions.v1',
      deadLetterTopic: 'datasharing.transactions.v1.dlq',
      groupId: 'datashare-ingestor',
      fetchMaxWaitMs: 500,
      healthTopic: 'datasharing.connection-health.v1',
    });
  });

  it('names the DLQ after a configured topic, unless the DLQ is configured too', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k:1', KAFKA_TOPIC: 'tx.v1' }).kafka?.deadLetterTopic).toBe(
      'tx.v1.dlq',
    );
    expect(
      loadConfig({ KAFKA_BROKERS: 'k:1', KAFKA_TOPIC: 'tx.v1', KAFKA_DLQ_TOPIC: 'bad-input' }).kafka
        ?.deadLetterTopic,
    ).toBe('bad-input');
  });
});

describe('loadConfig: reporting and health', () => {
  it('reads the report zone, limits, late window and health settings', () => {
    const config = loadConfig({
      REPORT_TIMEZONE: 'Europe/London',
      GROWTH_MAX_RANGE_DAYS: '400',
      GROWTH_MAX_BUCKETS: '50',
      LATE_ARRIVAL_WINDOW_DAYS: '0',
      HEALTH_EVALUATOR: '0',
      HEALTH_EVALUATION_INTERVAL_MS: '5000',
      HEALTH_THRESHOLDS_FILE: '/etc/datashare/health.json',
    });
    expect(config.reporting).toEqual({
      timezone: 'Europe/London',
      maxRangeDays: 400,
      maxBuckets: 50,
      lateArrivalWindowMs: 0,
    });
    expect(config.health).toEqual({
      evaluator: false,
      evaluationIntervalMs: 5000,
      thresholdsFile: '/etc/datashare/health.json',
    });
  });

  it('refuses an unknown zone and rollups that would expire before the raw history', () => {
    const error = configError({
      REPORT_TIMEZONE: 'Mars/Olympus',
      RAW_RETENTION_DAYS: '800',
      ROLLUP_RETENTION_DAYS: '700',
    });
    expect(namedVariables(error)).toEqual(['REPORT_TIMEZONE', 'ROLLUP_RETENTION_DAYS']);
    expect(error.message).toContain('must be an IANA time zone');
    expect(error.message).toContain('must be at least RAW_RETENTION_DAYS (800)');
  });

  it('keeps the access trail at least as long as the history it records reads of', () => {
    expect(loadConfig({ ACCESS_LOG_RETENTION_DAYS: '3650' }).retention.accessLogDays).toBe(3650);
    const error = configError({ RAW_RETENTION_DAYS: '800', ACCESS_LOG_RETENTION_DAYS: '700' });
    expect(namedVariables(error)).toEqual(['ACCESS_LOG_RETENTION_DAYS']);
    expect(error.message).toContain('the trail of who read the history outlives the history');
  });
});

describe('loadConfig: the console', () => {
  it('links to Grafana at an http or https URL, and refuses anything else', () => {
    expect(loadConfig({ GRAFANA_URL: 'https://grafana.example.org/d/overview' }).console).toEqual({
      grafanaUrl: 'https://grafana.example.org/d/overview',
    });
    for (const bad of ['javascript:alert(1)', 'grafana.example.org', 'ftp://grafana']) {
      const error = configError({ GRAFANA_URL: bad });
      expect(namedVariables(error)).toEqual(['GRAFANA_URL']);
      expect(error.message).toContain('must be an http or https URL');
    }
  });
});

describe('loadConfig: authentication', () => {
  const oidc = {
    OIDC_ISSUER: 'https://id.example.gov.vn/realms/datashare',
    OIDC_AUDIENCE: 'datashare-monitor',
    OIDC_JWKS_URL: 'https://id.example.gov.vn/realms/datashare/protocol/openid-connect/certs',
  };

  it('resolves the API keys file and reads the metrics setting', () => {
    const auth = loadConfig({
      API_KEYS_FILE: '/etc/datashare/keys.json',
      METRICS_REQUIRE_AUTH: '1',
    }).auth;
    expect(auth).toEqual({
      apiKeysFile: '/etc/datashare/keys.json',
      oidc: null,
      metricsRequireAuth: true,
    });
  });

  it('takes OIDC with issuer, audiences, JWKS URL and claim names', () => {
    expect(loadConfig(oidc).auth.oidc).toEqual({
      issuer: oidc.OIDC_ISSUER,
      audiences: ['datashare-monitor'],
      jwksUrl: oidc.OIDC_JWKS_URL,
      rolesClaim: 'roles',
      nameClaim: 'sub',
    });
    const custom = loadConfig({
      ...oidc,
      OIDC_AUDIENCE: 'monitor, account',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_NAME_CLAIM: 'preferred_username',
    }).auth.oidc;
    expect(custom).toMatchObject({
      audiences: ['monitor', 'account'],
      rolesClaim: 'realm_access.roles',
      nameClaim: 'preferred_username',
    });
  });

  it('names the missing OIDC settings when only some are given', () => {
    const error = configError({ OIDC_ISSUER: oidc.OIDC_ISSUER });
    expect(namedVariables(error)).toEqual(['OIDC_AUDIENCE', 'OIDC_JWKS_URL']);
    expect(error.message).toContain(
      'OIDC needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL together',
    );
    expect(namedVariables(configError({ ...oidc, OIDC_ISSUER: '', OIDC_JWKS_URL: '' }))).toEqual([
      'OIDC_ISSUER',
      'OIDC_JWKS_URL',
    ]);
  });

  it('refuses a JWKS URL that is not http or https, and a bad claim or setting', () => {
    expect(namedVariables(configError({ ...oidc, OIDC_JWKS_URL: 'file:///etc/jwks' }))).toEqual([
      'OIDC_JWKS_URL',
    ]);
    expect(namedVariables(configError({ ...oidc, OIDC_ROLES_CLAIM: 'realm access' }))).toEqual([
      'OIDC_ROLES_CLAIM',
    ]);
    expect(namedVariables(configError({ ...oidc, OIDC_AUDIENCE: 'a,,b' }))).toEqual([
      'OIDC_AUDIENCE',
    ]);
    expect(namedVariables(configError({ METRICS_REQUIRE_AUTH: 'yes' }))).toEqual([
      'METRICS_REQUIRE_AUTH',
    ]);
  });
});

describe('loadConfig: ClickHouse cluster', () => {
  it('takes a cluster with a server, and refuses one for the embedded engine', () => {
    expect(
      loadConfig({ CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_CLUSTER: 'datashare_cluster' })
        .clickhouse.cluster,
    ).toBe('datashare_cluster');
    const error = configError({ CLICKHOUSE_CLUSTER: 'datashare_cluster' });
    expect(namedVariables(error)).toEqual(['CLICKHOUSE_CLUSTER']);
    expect(error.message).toContain('needs CLICKHOUSE_URL');
  });
});

describe('loadConfig: values', () => {
  it('parses a list of brokers, trimming spaces', () => {
    expect(
      loadConfig({ KAFKA_BROKERS: ' broker-1:9092, broker-2.internal:19092 ,10.0.0.3:9093' }).kafka
        ?.brokers,
    ).toEqual(['broker-1:9092', 'broker-2.internal:19092', '10.0.0.3:9093']);
  });

  it('reads numbers, the ClickHouse URL, the key and the incidents', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      CLICKHOUSE_URL: 'http://clickhouse:8123',
      CLICKHOUSE_DATABASE: 'monitor_2',
      BATCH_MAX_ROWS: '1000',
      BATCH_MAX_BYTES: '1024',
      BATCH_MAX_WAIT_MS: '250',
      RAW_RETENTION_DAYS: '30',
      SIMULATE: '0',
      SIMULATE_INCIDENTS: ' outage:a ; ;slow:b ',
      SUBJECT_HMAC_KEY: KEY,
    });
    expect(config.environment).toBe('production');
    expect(config.http.port).toBe(8080);
    expect(config.clickhouse.url).toBe('http://clickhouse:8123');
    expect(config.clickhouse.database).toBe('monitor_2');
    expect(config.batching).toEqual({
      maxRows: 1000,
      maxBytes: 1024,
      maxWaitMs: 250,
      maxBufferedBytes: 32 * 1024 * 1024,
    });
    expect(config.retention.rawDays).toBe(30);
    expect(config.simulate).toBe(false);
    expect(config.simulation.incidents).toEqual(['outage:a', 'slow:b']);
    expect(config.subjectHmacKey).toEqual(Buffer.from(KEY, 'utf8'));
  });

  it('raises the retry maximum to the initial delay when configured below it', () => {
    expect(
      loadConfig({ STORE_RETRY_INITIAL_MS: '5000', STORE_RETRY_MAX_MS: '1000' }).ingest,
    ).toEqual({ maxFutureSkewMs: 300_000, retryInitialMs: 5000, retryMaxMs: 5000 });
  });

  it('accepts the port bounds 0 and 65535', () => {
    expect(loadConfig({ PORT: '0' }).http.port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).http.port).toBe(65535);
  });

  it('ignores unrelated variables', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' }).http.port).toBe(3000);
  });
});

describe('loadConfig: errors', () => {
  it.each<[string, NodeJS.ProcessEnv]>([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '65536' }],
    ['PORT', { PORT: '80.5' }],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'nohostport' }],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'a:9092,b' }],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'a:9092,' }],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'a b:9092' }],
    ['KAFKA_TOPIC', { KAFKA_TOPIC: 'bad topic' }],
    ['CLICKHOUSE_DATABASE', { CLICKHOUSE_DATABASE: 'bad-name' }],
    ['CLICKHOUSE_DATABASE', { CLICKHOUSE_DATABASE: '1db' }],
    ['CLICKHOUSE_URL', { CLICKHOUSE_URL: 'ftp://clickhouse' }],
    ['CLICKHOUSE_URL', { CLICKHOUSE_URL: 'not a url' }],
    ['SUBJECT_HMAC_KEY', { SUBJECT_HMAC_KEY: 'k'.repeat(31) }],
    ['BATCH_MAX_ROWS', { BATCH_MAX_ROWS: '0' }],
    ['BATCH_MAX_BYTES', { BATCH_MAX_BYTES: '1023' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['SIMULATE', { SIMULATE: 'yes' }],
  ])('names %s in the error for %j', (variable, env) => {
    const error = configError(env);
    expect(error.name).toBe('ConfigError');
    expect(error.message.startsWith('invalid configuration:\n')).toBe(true);
    expect(namedVariables(error)).toEqual([variable]);
  });

  it('gives the reason after the variable', () => {
    expect(configError({ KAFKA_BROKERS: 'nohostport' }).message).toBe(
      'invalid configuration:\n  KAFKA_BROKERS: must be a comma-separated list of host:port',
    );
    expect(configError({ CLICKHOUSE_DATABASE: 'bad-name' }).message).toBe(
      'invalid configuration:\n  CLICKHOUSE_DATABASE: must be a plain identifier',
    );
    expect(configError({ SUBJECT_HMAC_KEY: 'short' }).message).toBe(
      'invalid configuration:\n  SUBJECT_HMAC_KEY: must be at least 32 characters',
    );
  });

  it('requires SUBJECT_HMAC_KEY in production', () => {
    expect(configError({ NODE_ENV: 'production' }).message).toBe(
      'invalid configuration:\n  SUBJECT_HMAC_KEY: required in production (the key that pseudonymizes subjectId)',
    );
  });

  it('does not require SUBJECT_HMAC_KEY outside production', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).subjectHmacKey).toBeNull();
  });

  it('names every bad variable in one error', () => {
    const error = configError({
      PORT: 'abc',
      KAFKA_BROKERS: 'nohostport',
      CLICKHOUSE_DATABASE: 'bad-name',
      SUBJECT_HMAC_KEY: 'short',
    });
    expect(namedVariables(error)).toEqual([
      'PORT',
      'KAFKA_BROKERS',
      'CLICKHOUSE_DATABASE',
      'SUBJECT_HMAC_KEY',
    ]);
  });
});
