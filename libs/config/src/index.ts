export type {
  AppConfig,
  AuthConfig,
  BatchLimits,
  ClickHouseConfig,
  KafkaConfig,
  KafkaIngestConfig,
  OidcConfig,
  ReportingConfig,
} from './app-config';
export { ConfigError, loadConfig } from './load-config';
export { resolveSubjectKey } from './subject-key';
export { APP_CONFIG } from './tokens';
