import { z } from 'zod';
import { parseRfc3339 } from '@datashare/contract';
import {
  type ExportFormat,
  HISTORY_FILTER_INPUTS,
  type HistoryFilterInput,
  type HistoryOrder,
  type HistoryPosition,
  decodeCursor,
  hasControlCharacters,
  parseHistoryFilters,
} from '@datashare/history';

const DAY_MS = 86_400_000;

const INSTANT_FORM = 'an RFC 3339 date and time with Z or an offset';
const INSTANT_RULE = `must be ${INSTANT_FORM}`;
const instant = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? `is required: ${INSTANT_FORM}`
        : `must be given once: ${INSTANT_FORM}`,
  })
  .max(64, INSTANT_RULE)
  .refine((text) => parseRfc3339(text) !== null, {
    error: (issue) =>
      // A '+' left unencoded in a URL arrives as a space.
      typeof issue.input === 'string' && issue.input.includes(' ')
        ? `${INSTANT_RULE} (encode '+' as %2B in a URL)`
        : INSTANT_RULE,
  })
  .transform((text) => parseRfc3339(text) as number);

/** Each filter as a single string; its rule is checked by parseHistoryFilters (libs/history). */
const filterFields = Object.fromEntries(
  HISTORY_FILTER_INPUTS.map((name) => [
    name,
    z.string({ message: 'must be given once, as text' }).max(1024, 'is too long').optional(),
  ]),
) as Record<keyof HistoryFilterInput, z.ZodOptional<z.ZodString>>;

const cursor = z
  .string({ message: 'must be given once, as the nextCursor of the previous page' })
  .max(1000, 'is not a cursor this API gave out')
  .transform((text, context): HistoryPosition => {
    const position = decodeCursor(text);
    if (position === null) {
      context.addIssue({ code: 'custom', message: 'is not a cursor this API gave out' });
      return z.NEVER;
    }
    return position;
  });

const LIMIT_RULE = 'must be a whole number from 1 to 1000';
const pageLimit = z.coerce
  .number({ message: LIMIT_RULE })
  .int(LIMIT_RULE)
  .min(1, LIMIT_RULE)
  .max(1000, LIMIT_RULE)
  .default(100);

function rangeWithin(maxDays: number) {
  return (q: { from: number; to: number }, context: z.RefinementCtx) => {
    if (q.from >= q.to) {
      context.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' });
    } else if (q.to - q.from > maxDays * DAY_MS) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${maxDays} days after from`,
      });
    }
  };
}

function filtersOf<Q extends Partial<Record<keyof HistoryFilterInput, string>>>(
  q: Q,
  context: z.RefinementCtx,
): HistoryFilterInput {
  const parsed = parseHistoryFilters(q);
  if (!parsed.ok) {
    context.addIssue({ code: 'custom', path: [parsed.filter], message: parsed.rule });
    return z.NEVER;
  }
  return parsed.filters;
}

/** What a page and an export share: a bounded range, the filters and the order. */
const rangeAndFilters = {
  from: instant,
  to: instant,
  ...filterFields,
  order: z.enum(['desc', 'asc'], { message: 'must be desc or asc' }).default('desc'),
};

interface RangeAndFilters {
  fromMs: number;
  toMs: number;
  filters: HistoryFilterInput;
  order: HistoryOrder;
}

function toRangeAndFilters(
  q: { from: number; to: number; order: HistoryOrder } & Partial<
    Record<keyof HistoryFilterInput, string>
  >,
  context: z.RefinementCtx,
): RangeAndFilters {
  return { fromMs: q.from, toMs: q.to, filters: filtersOf(q, context), order: q.order };
}

export interface HistoryPageQuery extends RangeAndFilters {
  limit: number;
  after: HistoryPosition | undefined;
}

/** GET /api/v1/transactions: a bounded range, the filters, a page size and where to go on. */
export function historyPageQuery(maxRangeDays: number) {
  return z
    .object({ ...rangeAndFilters, limit: pageLimit, cursor: cursor.optional() })
    .strict()
    .superRefine(rangeWithin(maxRangeDays))
    .transform((q, context): HistoryPageQuery => ({
      ...toRangeAndFilters(q, context),
      limit: q.limit,
      after: q.cursor,
    }));
}

export interface HistoryExportQuery extends RangeAndFilters {
  format: ExportFormat;
}

/** GET /api/v1/transactions/export: the same range and filters, and a format. */
export function historyExportQuery(maxRangeDays: number) {
  return z
    .object({
      ...rangeAndFilters,
      format: z.enum(['csv', 'ndjson'], { message: 'must be csv or ndjson' }).default('csv'),
    })
    .strict()
    .superRefine(rangeWithin(maxRangeDays))
    .transform((q, context): HistoryExportQuery => ({
      ...toRangeAndFilters(q, context),
      format: q.format,
    }));
}

export const transactionIdParam = z
  .string()
  .regex(
    /^[A-Za-z0-9._:-]{1,128}$/,
    'must be 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"',
  );

const PRINCIPAL_RULE = 'must be 1 to 256 characters without control characters';

/**
 * GET /api/v1/audit-log: newest first, optionally within a range, narrowed to who looked and to
 * the transaction or subject a look asked for (checked by the history filters' own rules).
 */
export const auditLogQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    principal: z
      .string({ message: 'must be given once, as text' })
      .min(1, PRINCIPAL_RULE)
      .max(256, PRINCIPAL_RULE)
      .refine((v) => !hasControlCharacters(v), PRINCIPAL_RULE)
      .optional(),
    transactionId: filterFields.transactionId,
    subjectId: filterFields.subjectId,
    limit: pageLimit,
    cursor: z.string().max(1000, 'is not a cursor this API gave out').optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: 'must be before to',
    path: ['from'],
  })
  .transform((q, context) => {
    const { transactionId, subjectId } = filtersOf(
      { transactionId: q.transactionId, subjectId: q.subjectId },
      context,
    );
    return { ...q, transactionId, subjectId };
  });
export type AuditLogQuery = z.infer<typeof auditLogQuery>;
