import type { z } from 'zod';
import { badRequest } from '../errors.ts';

/** Parse a request body or query with zod and turn every problem into one readable 400. */
export function validate<T extends z.ZodType>(schema: T, value: unknown, what = 'body'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
  throw badRequest('invalid_request', problems);
}
