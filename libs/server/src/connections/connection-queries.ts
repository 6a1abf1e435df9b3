import { z } from 'zod';
import { parseRfc3339 } from '@datashare/contract';
import { CONNECTION_STATES } from '@datashare/health';

const CODE = /^[A-Za-z0-9._-]{1,64}$/;
const code = z.string().regex(CODE, 'must be a code of 1 to 64 letters, digits, ".", "_" or "-"');
const instant = z
  .string({ message: 'is required: an RFC 3339 date and time with Z or an offset' })
  .refine(
    (text) => parseRfc3339(text) !== null,
    'must be an RFC 3339 date and time with Z or an offset',
  )
  .transform((text) => parseRfc3339(text) as number);

export const connectionListQuery = z
  .object({
    state: z
      .enum(CONNECTION_STATES as [string, ...string[]], {
        message: `must be one of ${CONNECTION_STATES.join(', ')}`,
      })
      .optional(),
    platform: code.optional(),
    consumer: code.optional(),
    provider: code.optional(),
    /** Connections where this agency (a code prefix) is the consumer or the provider. */
    agency: code.optional(),
  })
  .strict();
export type ConnectionListQuery = z.infer<typeof connectionListQuery>;

export const healthEventsQuery = z
  .object({
    from: instant,
    to: instant,
    platform: code.optional(),
    consumer: code.optional(),
    provider: code.optional(),
    agency: code.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  })
  .strict()
  .refine((q) => !(q.from >= q.to), { message: 'must be before to', path: ['from'] });
export type HealthEventsQuery = z.infer<typeof healthEventsQuery>;

export const agencyCode = code;
