import { agencyCodesOf, type ConnectionKey } from '@datashare/health';

/** The filters of the connection list, also the connections a series adds up. */
export interface ConnectionFilter {
  platform?: string;
  consumer?: string;
  provider?: string;
  /** Connections where this agency (a dotted code prefix) is the consumer or the provider. */
  agency?: string;
}

export function belongsToAgency(systemCode: string, agency: string): boolean {
  return agencyCodesOf(systemCode).includes(agency);
}

export function matchesConnectionFilter(
  connection: ConnectionKey,
  filter: ConnectionFilter,
): boolean {
  return (
    (filter.platform === undefined || connection.platform === filter.platform) &&
    (filter.consumer === undefined || connection.consumer === filter.consumer) &&
    (filter.provider === undefined || connection.provider === filter.provider) &&
    (filter.agency === undefined ||
      belongsToAgency(connection.consumer, filter.agency) ||
      belongsToAgency(connection.provider, filter.agency))
  );
}
