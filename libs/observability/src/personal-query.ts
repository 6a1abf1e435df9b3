const REDACTED = '[redacted]';

/**
 * A request URL as it may be logged: the value of any query parameter whose name mentions a
 * subject (`subjectId`, and misspellings a client might send, which the API refuses but the
 * request log still sees) is replaced, so that no personal identifier reaches the logs.
 */
export function withoutPersonalQuery(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const params = new URLSearchParams(url.slice(start + 1));
  let personal = false;
  const kept = new URLSearchParams();
  for (const [name, value] of params) {
    const isPersonal = name.toLowerCase().includes('subject');
    personal ||= isPersonal;
    kept.append(name, isPersonal ? REDACTED : value);
  }
  return personal ? `${url.slice(0, start)}?${kept.toString()}` : url;
}
