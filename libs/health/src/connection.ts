/** One monitored link: a consumer system calling a provider system through a platform. */
export interface ConnectionKey {
  platform: string;
  consumer: string;
  provider: string;
}

/** "NDXP PROV-HNI.PORTAL → MPS.NPD": how a connection is named in reasons and errors. */
export function connectionLabel(connection: ConnectionKey): string {
  return `${connection.platform} ${connection.consumer} → ${connection.provider}`;
}

export function sameConnection(a: ConnectionKey, b: ConnectionKey): boolean {
  return a.platform === b.platform && a.consumer === b.consumer && a.provider === b.provider;
}

/**
 * The agency codes a system code belongs to, broadest first: "MPS.NPD" → ["MPS", "MPS.NPD"].
 * System codes are dotted, agency first (PROV-HNI.PORTAL, MOJ.CIVREG), so an override keyed
 * "MPS" covers every Ministry of Public Security system while "MPS.NPD" singles out the
 * population database.
 */
export function agencyCodesOf(systemCode: string): string[] {
  const parts = systemCode.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}
