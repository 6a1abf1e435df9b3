import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Validates a query string against a schema (strict: an unknown parameter is refused, so a
 * typo is not silently ignored) and answers 400 with every problem named by its parameter.
 */
export function parseQuery<Schema extends z.ZodType>(
  schema: Schema,
  query: unknown,
  /** What a value that is not an object is called in messages (a path parameter's name). */
  name = 'query',
): z.infer<Schema> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
      : `${issue.path.join('.') || name}: ${issue.message}`,
  );
  throw new BadRequestException(problems.join('; '));
}
