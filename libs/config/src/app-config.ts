/** The validated configuration, read once at start (see load-config.ts and docs/configuration.md). */
export interface AppConfig {
  environment: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  http: { port: number; host: string; ingestMaxBodyBytes: number };
  /** null: no Kafka (the embedded default feeds the pipeline in-process). */
  kafka: KafkaConfig | null;
  clickhouse: ClickHouseConfig;
  batching: BatchLimits;
  ingest: { maxFutureSkewMs: number; retryInitialMs: number; retryMaxMs: number };
  retention: {
    rawDays: number;
    rejectionsDays: number;
    rollupDays: number;
    /** The access trail (`access_log`); at least rawDays. */
    accessLogDays: number;
  };
  reporting: ReportingConfig;
  health: {
    /** Whether this process runs the evaluator loop: exactly one process per deployment should. */
    evaluator: boolean;
    evaluationIntervalMs: number;
    thresholdsFile: string | null;
  };
  /** Built-in simulated traffic of `npm start`. */
  simulate: boolean;
  simulation: { peakEventsPerSecond: number; incidents: string[] };
  /** null outside production when unset: a key is generated once and kept in DATA_DIR. */
  subjectHmacKey: Buffer | null;
  dataDir: string;
  /** Who may call the HTTP API (docs/api.md#authentication). */
  /** The auditors' transaction history: the longest range of a page, and of an export. */
  history: { maxRangeDays: number; exportMaxRangeDays: number };
  auth: AuthConfig;
  /** The operations console served at `/` (docs/console.md). */
  console: { grafanaUrl: string | null };
}

export interface AuthConfig {
  /** A JSON file of API key digests and roles, read at start; null: no API keys but generated ones. */
  apiKeysFile: string | null;
  /** null: OIDC tokens are not accepted. */
  oidc: OidcConfig | null;
  /** /metrics needs the viewer role (it is open by default, as /healthz and /readyz are). */
  metricsRequireAuth: boolean;
}

export interface OidcConfig {
  issuer: string;
  /** The token's `aud` must hold one of these. */
  audiences: string[];
  jwksUrl: string;
  /** Claim name, or dotted path, of the roles. */
  rolesClaim: string;
  /** Claim that names the principal in logs and the access trail. */
  nameClaim: string;
}

/** What consuming the transactions topic needs (the ingestor's part of KafkaConfig). */
export type KafkaIngestConfig = Omit<KafkaConfig, 'healthTopic'>;

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  fetchMaxWaitMs: number;
  /** Where connection state changes are published (besides the ClickHouse table). */
  healthTopic: string;
}

export interface ReportingConfig {
  /** IANA zone in which report dates are read, and whose calendar days the day rollup counts. */
  timezone: string;
  maxRangeDays: number;
  maxBuckets: number;
  /** Events may still arrive this late; figures for periods that touch it are provisional. */
  lateArrivalWindowMs: number;
}

export interface ClickHouseConfig {
  /** null: the embedded engine (chdb) with its data under DATA_DIR/clickhouse. */
  url: string | null;
  username: string;
  password: string;
  database: string;
  /** A cluster of remote_servers: replicated, sharded tables (see docs/scaling.md); null: one node. */
  cluster: string | null;
}

export interface BatchLimits {
  maxRows: number;
  maxBytes: number;
  maxWaitMs: number;
  /** Message bytes held in open batches across all partitions before one is cut early. */
  maxBufferedBytes: number;
}
