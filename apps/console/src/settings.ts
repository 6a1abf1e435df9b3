/** What the monitor wrote into the page (meta tags): its configuration the page needs. */
function meta(name: string): string | null {
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
  return content === '' ? null : content;
}

export const settings = {
  /** GRAFANA_URL; null: no link. */
  grafanaUrl: meta('grafana-url'),
  /** REPORT_TIMEZONE: the zone the API reads dates in when the query names none. */
  reportTimezone: meta('report-timezone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
};
