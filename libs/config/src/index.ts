export type {
  AppConfig,
  BatchLimits,
  ClickHouseConfig,
  KafkaConfig,
  KafkaIngestConfig,
  ReportingConfig,
} from './app-config';
export { ConfigError, loadConfig } from './load-config';
export { resolveSubjectKey } from './subject-key';
export { APP_CONFIG } from './tokens';
