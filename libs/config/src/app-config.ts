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
  retention: { rawDays: number; rejectionsDays: number };
  /** Built-in simulated traffic of `npm start`. */
  simulate: boolean;
  simulation: { peakEventsPerSecond: number; incidents: string[] };
  /** null outside production when unset: a key is generated once and kept in DATA_DIR. */
  subjectHmacKey: Buffer | null;
  dataDir: string;
}

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  fetchMaxWaitMs: number;
}

export interface ClickHouseConfig {
  /** null: the embedded engine (chdb) with its data under DATA_DIR/clickhouse. */
  url: string | null;
  username: string;
  password: string;
  database: string;
}

export interface BatchLimits {
  maxRows: number;
  maxBytes: number;
  maxWaitMs: number;
  /** Message bytes held in open batches across all partitions before one is cut early. */
  maxBufferedBytes: number;
}
