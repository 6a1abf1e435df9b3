import * as path from 'node:path';
import { z } from 'zod';
import type { AppConfig } from './app-config';

const integer = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const CODE = /^[A-Za-z0-9._-]{1,200}$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    PORT: integer(3000, 0, 65535),
    HOST: z.string().min(1).default('0.0.0.0'),
    INGEST_MAX_BODY_BYTES: integer(16 * 1024 * 1024, 1024),
    KAFKA_BROKERS: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.split(',').map((b) => b.trim()) : []))
      .refine((brokers) => brokers.every((b) => /^[^\s:]+:\d{1,5}$/.test(b)), {
        message: 'must be a comma-separated list of host:port',
      }),
    KAFKA_CLIENT_ID: z.string().regex(CODE).default('datashare-monitor'),
    KAFKA_TOPIC: z
      .string()
      .regex(CODE, 'must be a Kafka topic name')
      .default('datasharing.transactions.v1'),
    KAFKA_DLQ_TOPIC: z.string().regex(CODE, 'must be a Kafka topic name').optional(),
    KAFKA_GROUP_ID: z.string().regex(CODE).default('datashare-ingestor'),
    KAFKA_FETCH_MAX_WAIT_MS: integer(500, 10, 30_000),
    CLICKHOUSE_URL: z.url({ protocol: /^https?$/ }).optional(),
    CLICKHOUSE_USER: z.string().default('default'),
    CLICKHOUSE_PASSWORD: z.string().default(''),
    CLICKHOUSE_DATABASE: z
      .string()
      .regex(IDENTIFIER, 'must be a plain identifier')
      .default('datashare'),
    CLICKHOUSE_CLUSTER: z
      .string()
      .regex(IDENTIFIER, 'must be a cluster name from remote_servers')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    BATCH_MAX_ROWS: integer(50_000, 1, 1_000_000),
    BATCH_MAX_BYTES: integer(8 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    BATCH_MAX_WAIT_MS: integer(1000, 1, 60_000),
    INGEST_MAX_BUFFERED_BYTES: integer(32 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    MAX_FUTURE_SKEW_MS: integer(5 * 60_000, 0, 7 * 24 * 3600_000),
    STORE_RETRY_INITIAL_MS: integer(200, 1, 60_000),
    STORE_RETRY_MAX_MS: integer(30_000, 1, 600_000),
    RAW_RETENTION_DAYS: integer(400, 1, 36_500),
    REJECTIONS_RETENTION_DAYS: integer(90, 1, 36_500),
    ROLLUP_RETENTION_DAYS: integer(5 * 365 + 1, 1, 36_500),
    ACCESS_LOG_RETENTION_DAYS: integer(5 * 365 + 1, 1, 36_500),
    REPORT_TIMEZONE: z
      .string()
      .default('Asia/Ho_Chi_Minh')
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' }),
    GROWTH_MAX_RANGE_DAYS: integer(3 * 366, 1, 36_500),
    HISTORY_MAX_RANGE_DAYS: integer(31, 1, 36_500),
    EXPORT_MAX_RANGE_DAYS: integer(366, 1, 36_500),
    GROWTH_MAX_BUCKETS: integer(1000, 1, 100_000),
    LATE_ARRIVAL_WINDOW_DAYS: integer(7, 0, 365),
    HEALTH_EVALUATION_INTERVAL_MS: integer(30_000, 1000, 3_600_000),
    HEALTH_EVALUATOR: z.enum(['0', '1']).default('1'),
    HEALTH_THRESHOLDS_FILE: z.string().min(1).optional(),
    KAFKA_HEALTH_TOPIC: z
      .string()
      .regex(CODE, 'must be a Kafka topic name')
      .default('datasharing.connection-health.v1'),
    SIMULATE: z.enum(['0', '1']).default('1'),
    SIMULATE_PEAK_EVENTS_PER_SECOND: integer(20, 1, 1_000_000),
    SIMULATE_INCIDENTS: z.string().default(''),
    SUBJECT_HMAC_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    API_KEYS_FILE: z.string().min(1).optional(),
    OIDC_ISSUER: z.string().trim().min(1).optional(),
    OIDC_AUDIENCE: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((a) => a.trim()) : []))
      .refine((audiences) => audiences.every((a) => a.length > 0), {
        message: 'must be an audience, or a comma-separated list of them',
      }),
    OIDC_JWKS_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
      .optional(),
    OIDC_ROLES_CLAIM: z
      .string()
      .regex(/^\S{1,256}$/, 'must be a claim name or a dotted path such as realm_access.roles')
      .default('roles'),
    OIDC_NAME_CLAIM: z
      .string()
      .regex(/^\S{1,256}$/, 'must be a claim name')
      .default('sub'),
    METRICS_REQUIRE_AUTH: z.enum(['0', '1']).default('0'),
    GRAFANA_URL: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).optional(),
  })
  .superRefine((e, context) => {
    if (e.CLICKHOUSE_CLUSTER && !e.CLICKHOUSE_URL) {
      context.addIssue({
        code: 'custom',
        path: ['CLICKHOUSE_CLUSTER'],
        message: 'needs CLICKHOUSE_URL: the embedded engine is a single node',
      });
    }
    if (e.ROLLUP_RETENTION_DAYS < e.RAW_RETENTION_DAYS) {
      context.addIssue({
        code: 'custom',
        path: ['ROLLUP_RETENTION_DAYS'],
        message: `must be at least RAW_RETENTION_DAYS (${e.RAW_RETENTION_DAYS}): rollups outlive the raw history they are rebuilt from`,
      });
    }
    if (e.ACCESS_LOG_RETENTION_DAYS < e.RAW_RETENTION_DAYS) {
      context.addIssue({
        code: 'custom',
        path: ['ACCESS_LOG_RETENTION_DAYS'],
        message: `must be at least RAW_RETENTION_DAYS (${e.RAW_RETENTION_DAYS}): the trail of who read the history outlives the history`,
      });
    }
    const oidc = {
      OIDC_ISSUER: e.OIDC_ISSUER,
      OIDC_AUDIENCE: e.OIDC_AUDIENCE.length > 0 ? e.OIDC_AUDIENCE : undefined,
      OIDC_JWKS_URL: e.OIDC_JWKS_URL,
    };
    const oidcMissing = Object.entries(oidc).filter(([, value]) => value === undefined);
    if (oidcMissing.length > 0 && oidcMissing.length < 3) {
      for (const [name] of oidcMissing) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: 'OIDC needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL together',
        });
      }
    }
    if (e.NODE_ENV === 'production' && !e.SUBJECT_HMAC_KEY) {
      context.addIssue({
        code: 'custom',
        path: ['SUBJECT_HMAC_KEY'],
        message: 'required in production (the key that pseudonymizes subjectId)',
      });
    }
  });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means unset (compose files often set unused ones to ''), not 0 or ''.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const topic = e.KAFKA_TOPIC;
  return {
    environment: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: { port: e.PORT, host: e.HOST, ingestMaxBodyBytes: e.INGEST_MAX_BODY_BYTES },
    kafka:
      e.KAFKA_BROKERS.length === 0
        ? null
        : {
            brokers: e.KAFKA_BROKERS,
            clientId: e.KAFKA_CLIENT_ID,
            topic,
            deadLetterTopic: e.KAFKA_DLQ_TOPIC ?? `${topic}.dlq`,
            groupId: e.KAFKA_GROUP_ID,
            fetchMaxWaitMs: e.KAFKA_FETCH_MAX_WAIT_MS,
            healthTopic: e.KAFKA_HEALTH_TOPIC,
          },
    clickhouse: {
      url: e.CLICKHOUSE_URL ?? null,
      username: e.CLICKHOUSE_USER,
      password: e.CLICKHOUSE_PASSWORD,
      database: e.CLICKHOUSE_DATABASE,
      cluster: e.CLICKHOUSE_CLUSTER ?? null,
    },
    batching: {
      maxRows: e.BATCH_MAX_ROWS,
      maxBytes: e.BATCH_MAX_BYTES,
      maxWaitMs: e.BATCH_MAX_WAIT_MS,
      maxBufferedBytes: e.INGEST_MAX_BUFFERED_BYTES,
    },
    ingest: {
      maxFutureSkewMs: e.MAX_FUTURE_SKEW_MS,
      retryInitialMs: e.STORE_RETRY_INITIAL_MS,
      retryMaxMs: Math.max(e.STORE_RETRY_MAX_MS, e.STORE_RETRY_INITIAL_MS),
    },
    retention: {
      rawDays: e.RAW_RETENTION_DAYS,
      rejectionsDays: e.REJECTIONS_RETENTION_DAYS,
      rollupDays: e.ROLLUP_RETENTION_DAYS,
      accessLogDays: e.ACCESS_LOG_RETENTION_DAYS,
    },
    reporting: {
      timezone: e.REPORT_TIMEZONE,
      maxRangeDays: e.GROWTH_MAX_RANGE_DAYS,
      maxBuckets: e.GROWTH_MAX_BUCKETS,
      lateArrivalWindowMs: e.LATE_ARRIVAL_WINDOW_DAYS * 86_400_000,
    },
    health: {
      evaluator: e.HEALTH_EVALUATOR === '1',
      evaluationIntervalMs: e.HEALTH_EVALUATION_INTERVAL_MS,
      thresholdsFile: e.HEALTH_THRESHOLDS_FILE ? path.resolve(e.HEALTH_THRESHOLDS_FILE) : null,
    },
    simulate: e.SIMULATE === '1',
    simulation: {
      peakEventsPerSecond: e.SIMULATE_PEAK_EVENTS_PER_SECOND,
      incidents: e.SIMULATE_INCIDENTS.split(';')
        .map((spec) => spec.trim())
        .filter((spec) => spec.length > 0),
    },
    subjectHmacKey: e.SUBJECT_HMAC_KEY ? Buffer.from(e.SUBJECT_HMAC_KEY, 'utf8') : null,
    dataDir: path.resolve(e.DATA_DIR),
    history: {
      maxRangeDays: e.HISTORY_MAX_RANGE_DAYS,
      exportMaxRangeDays: e.EXPORT_MAX_RANGE_DAYS,
    },
    auth: {
      apiKeysFile: e.API_KEYS_FILE ? path.resolve(e.API_KEYS_FILE) : null,
      oidc:
        e.OIDC_ISSUER && e.OIDC_JWKS_URL && e.OIDC_AUDIENCE.length > 0
          ? {
              issuer: e.OIDC_ISSUER,
              audiences: e.OIDC_AUDIENCE,
              jwksUrl: e.OIDC_JWKS_URL,
              rolesClaim: e.OIDC_ROLES_CLAIM,
              nameClaim: e.OIDC_NAME_CLAIM,
            }
          : null,
      metricsRequireAuth: e.METRICS_REQUIRE_AUTH === '1',
    },
    console: { grafanaUrl: e.GRAFANA_URL ?? null },
  };
}
