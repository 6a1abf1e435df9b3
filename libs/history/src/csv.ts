/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote, a line break or
 * leading/trailing space, with quotes doubled. Null is an empty field. A field that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with a quote character
 * (OWASP's advice for CSV exports): evidence opened in a spreadsheet must not execute.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line (CRLF-terminated, as RFC 4180 says) of the given fields, in order. */
export function csvLine(fields: readonly (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
