export { MockKafka, buildMockBroker, mockBrokerUnavailableReason } from './kafka-mock';
export {
  TEST_DATA_DIR,
  TEST_REPORT_TIMEZONE,
  createTestDatabase,
  queryRows,
} from './test-database';
export { citizenId, encode, sampleEvent } from './events';
export { describeIf } from './skip';
export {
  CHROMIUM_PATH,
  chromiumUnavailableReason,
  foreignRequests,
  launchChromium,
  tabThrough,
} from './browser';
export type { FocusStop } from './browser';
export { bearer, writeApiKeysFile } from './api-keys';
export type { TestApiKeys } from './api-keys';
export { TestIdentityProvider } from './identity-provider';
export type { TokenOptions } from './identity-provider';
export { waitFor } from './wait-for';
export { retainedHeapBytes } from './heap';
export {
  TEST_KEY,
  committedTotal,
  createIngestPipeline,
  testKafka,
  uniqueName,
  waitUntilAllCommitted,
} from './ingest-harness';
export {
  AppProcess,
  builtAppsUnavailableReason,
  runSimulatorBackfill,
  sqlInDataDir,
  utcDateDaysAgo,
} from './app-process';
export { startTestKafka, testKafkaUnavailableReason } from './test-kafka';
export type { TestKafka } from './test-kafka';
export { usingContainers } from './docker';
export { binariesUnavailableReason, findBinary } from './binaries';
export {
  dashboardPanels,
  dashboardQueries,
  dashboardVariables,
  labelValuesSelector,
  referencedVariables,
} from './grafana-dashboards';
export type { DashboardJson, GrafanaQuery } from './grafana-dashboards';
export {
  exportedMetrics,
  promqlGroupingLabels,
  promqlMatchers,
  promqlMetricNames,
  startPrometheus,
  substitutePromVariables,
} from './grafana-prometheus';
export type { PrometheusProcess } from './grafana-prometheus';
export { ALL, interpolateClickHouseSql } from './grafana-clickhouse';
export type { ClickHouseInterpolation, VariableValue } from './grafana-clickhouse';
export {
  KUBERNETES_DIR,
  PROMETHEUS_RULES_DIR,
  REPO_ROOT,
  composeSchemaErrors,
  excessPropertyErrors,
  kubernetesManifestFiles,
  loadComposeFile,
  loadKubernetesManifests,
  loadKustomization,
  prometheusRuleFileGroups,
  publishedPorts,
  readYamlFile,
  repoPath,
  selectorMatches,
  serviceEnvironment,
  validateWithKubernetesModels,
} from './deploy-manifests';
export type {
  ComposeFile,
  ComposeService,
  KubernetesObject,
  Kustomization,
  ManifestDocument,
  ModelValidation,
  RuleFiles,
} from './deploy-manifests';
export { LoopbackServer, WebhookReceiver, freeLoopbackPort } from './alerting-stack';
export type { WebhookAlert } from './alerting-stack';
export {
  alertRuleCases,
  alertingRules,
  alertmanagerBinary,
  alertnamesIn,
  filesIn,
  kebabCase,
  repoFileExists,
  runTool,
} from './prometheus-tools';
export type { AlertRuleCase, AlertingRule, ToolRun } from './prometheus-tools';
export { AlertmanagerProcess } from './prometheus-alertmanager';
export type { AlertmanagerAlert, PostedAlert } from './prometheus-alertmanager';
