import type { HistoryFilters } from './history-record';

/** The filters as an auditor gives them: the subject as its identifier, not yet pseudonymized. */
export type HistoryFilterInput = Omit<HistoryFilters, 'subjectRef'> & { subjectId?: string };

export type ParsedHistoryFilters =
  | { ok: true; filters: HistoryFilterInput }
  | { ok: false; filter: keyof HistoryFilterInput; rule: string; message: string };

/** Each filter's rule: the event contract's own (a value it could never store matches nothing). */
const RULES: Record<keyof HistoryFilterInput, { test: (v: string) => boolean; rule: string }> = {
  platform: code(64),
  consumer: code(64),
  provider: code(64),
  service: code(128),
  outcome: { test: (v) => v === 'success' || v === 'failure', rule: 'success or failure' },
  errorCode: {
    test: (v) => v.length >= 1 && v.length <= 64 && !hasControlCharacters(v),
    rule: '1 to 64 characters without control characters',
  },
  transactionId: {
    test: (v) => /^[A-Za-z0-9._:-]{1,128}$/.test(v),
    rule: '1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"',
  },
  reportedBy: {
    test: (v) => v === 'platform' || v === 'consumer' || v === 'provider',
    rule: 'platform, consumer or provider',
  },
  subjectId: {
    test: (v) => v.length >= 1 && v.length <= 256,
    rule: '1 to 256 characters',
  },
};

/** Whether text holds C0 controls or DEL, which the contract refuses in an error code. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function code(max: number) {
  const pattern = new RegExp(`^[A-Za-z0-9._-]{1,${max}}$`);
  return {
    test: (v: string) => pattern.test(v),
    rule: `1 to ${max} characters of A-Z, a-z, 0-9, ".", "_" or "-"`,
  };
}

export const HISTORY_FILTER_INPUTS = Object.keys(RULES) as (keyof HistoryFilterInput)[];

/**
 * Checks the filters an auditor gave (absent ones filter nothing). A message names the
 * filter and its rule, never the value: it may be a personal identifier, or megabytes long.
 */
export function parseHistoryFilters(
  raw: Partial<Record<keyof HistoryFilterInput, string>>,
): ParsedHistoryFilters {
  const filters: Record<string, string> = {};
  for (const name of HISTORY_FILTER_INPUTS) {
    const value = raw[name];
    if (value === undefined) continue;
    if (!RULES[name].test(value)) {
      const rule = `must be ${RULES[name].rule}`;
      return { ok: false, filter: name, rule, message: `${name} ${rule}` };
    }
    filters[name] = value;
  }
  return { ok: true, filters: filters };
}

/** The filters as stored records are searched: a subject identifier becomes its pseudonym. */
export function storedHistoryFilters(
  input: HistoryFilterInput,
  pseudonymize: (subjectId: string) => string,
): HistoryFilters {
  const { subjectId, ...rest } = input;
  return subjectId === undefined ? rest : { ...rest, subjectRef: pseudonymize(subjectId) };
}

/**
 * A history query's parameters as the access trail records them: instants in ISO form, the
 * stored filters (never a subject identifier), and what else the caller names.
 */
export function loggedHistoryParameters(
  query: { fromMs: number; toMs: number; order: string },
  filters: HistoryFilters,
  extra: Record<string, string | number | undefined> = {},
): Record<string, string> {
  const logged: Record<string, string> = {};
  const all = {
    from: new Date(query.fromMs).toISOString(),
    to: new Date(query.toMs).toISOString(),
    order: query.order,
    ...filters,
    ...extra,
  };
  for (const [name, value] of Object.entries(all)) {
    if (value !== undefined) logged[name] = String(value);
  }
  return logged;
}
