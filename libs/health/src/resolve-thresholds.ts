import { agencyCodesOf, sameConnection, type ConnectionKey } from './connection';
import type { HealthThresholdsConfig } from './thresholds-file';
import { DEFAULT_HEALTH_THRESHOLDS, STRICTER_VALUE, type HealthThresholds } from './thresholds';

/**
 * The thresholds for one connection, layer over layer:
 * built-in defaults < file `defaults` < agency overrides < the connection's own entry.
 *
 * Agency overrides apply when the consumer or the provider belongs to the agency. On each side
 * the matching keys stack broadest first ("MPS", then "MPS.NPD"), so the more specific key
 * wins. When both sides have overrides, each field takes the stricter of the two values
 * (STRICTER_VALUE): a provincial portal calling the population database is held to the
 * stricter of the province's and the database's rules, whichever way round they are set.
 * A connection entry is explicit about one link and replaces any of that.
 */
export function resolveThresholds(
  config: HealthThresholdsConfig,
  connection: ConnectionKey,
): HealthThresholds {
  const consumerSide = agencyOverride(config, connection.consumer);
  const providerSide = agencyOverride(config, connection.provider);
  const own = config.connections.find((entry) => sameConnection(entry.connection, connection));
  return {
    ...DEFAULT_HEALTH_THRESHOLDS,
    ...config.defaults,
    ...stricterOf(consumerSide, providerSide),
    ...own?.thresholds,
  };
}

function agencyOverride(
  config: HealthThresholdsConfig,
  systemCode: string,
): Partial<HealthThresholds> {
  let merged: Partial<HealthThresholds> = {};
  for (const agency of agencyCodesOf(systemCode)) {
    merged = { ...merged, ...config.agencies.get(agency) };
  }
  return merged;
}

/** Field by field, the stricter value where both are set, otherwise whichever is. */
export function stricterOf(
  a: Partial<HealthThresholds>,
  b: Partial<HealthThresholds>,
): Partial<HealthThresholds> {
  const result: Partial<HealthThresholds> = {};
  for (const field of Object.keys(STRICTER_VALUE) as (keyof HealthThresholds)[]) {
    const x = a[field];
    const y = b[field];
    if (x === undefined && y === undefined) continue;
    if (x === undefined || y === undefined) {
      result[field] = x ?? y;
      continue;
    }
    result[field] = STRICTER_VALUE[field] === 'lower' ? Math.min(x, y) : Math.max(x, y);
  }
  return result;
}
