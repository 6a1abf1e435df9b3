import { readFileSync } from 'node:fs';
import type { AppConfig } from '@datashare/config';
import {
  EMPTY_HEALTH_THRESHOLDS_CONFIG,
  type HealthThresholdsConfig,
  parseHealthThresholdsFile,
} from '@datashare/health';

export const HEALTH_THRESHOLDS = Symbol('HEALTH_THRESHOLDS');

/** The thresholds file named by HEALTH_THRESHOLDS_FILE, read and validated once at start. */
export function loadHealthThresholds(config: AppConfig): HealthThresholdsConfig {
  const file = config.health.thresholdsFile;
  if (file === null) return EMPTY_HEALTH_THRESHOLDS_CONFIG;
  return parseHealthThresholdsFile(readFileSync(file, 'utf8'), file);
}
