import { z } from 'zod';
import { REQUEST_KINDS } from '../../flows/domain/understand/request-type.ts';
import { CATEGORY_LABELS as FIRST_LEVEL_CATEGORIES } from '../../flows/domain/classify/category-model.ts';

/**
 * What the optional LLM may tell the flow about one citizen message, and nothing else.
 *
 * Two schemas: `llmAnswerSchema` is what the model is asked to produce (strict structured output,
 * where every field must be present and "unknown" is null); `LlmHints` is what the understander
 * hands back after checking every value against our own lists (unknown or absent fields omitted).
 */

// One list each, shared with the rules: the model may answer only what the flow understands.
export { REQUEST_KINDS, type RequestKind } from '../../flows/domain/understand/request-type.ts';
export { CATEGORY_LABELS as FIRST_LEVEL_CATEGORIES, type CategoryLabel as FirstLevelCategory } from '../../flows/domain/classify/category-model.ts';

/** Caps, in characters, on the free-text fields; longer values are cut, not rejected. */
export const HINT_LIMITS = { district: 10, street: 40, address: 120, description: 500, name: 20 } as const;

export const LlmHints = z.strictObject({
  kind: z.enum(REQUEST_KINDS).optional(),
  category: z.enum(FIRST_LEVEL_CATEGORIES).optional(),
  /** A full district name from BEIJING_DISTRICTS (朝阳区), set whenever `street` is. */
  district: z.string().min(1).max(HINT_LIMITS.district).optional(),
  /** A full township name from BEIJING_TOWNSHIPS (望京街道), inside `district`. */
  street: z.string().min(1).max(HINT_LIMITS.street).optional(),
  /** Detailed address below the street, as the citizen wrote it. */
  address: z.string().min(1).max(HINT_LIMITS.address).optional(),
  description: z.string().min(1).max(HINT_LIMITS.description).optional(),
  /** How the citizen wants to be addressed (王先生), as they wrote it. */
  name: z.string().min(1).max(HINT_LIMITS.name).optional(),
  confidential: z.boolean().optional(),
  emergency: z.boolean().optional(),
});
export type LlmHints = z.infer<typeof LlmHints>;

// Descriptions travel inside the JSON schema: they are the per-field instructions the model sees.
const text = (description: string) => z.string().nullable().describe(description);

export const llmAnswerSchema = z.object({
  kind: z
    .enum(REQUEST_KINDS)
    .nullable()
    .describe('Kind of request: 咨询 asks for information or how to do something; 投诉 complains about a problem; 求助 asks for help; 建议 suggests an improvement; 举报 reports wrongdoing; 表扬 praises or thanks someone. null if unclear.'),
  category: z
    .enum(FIRST_LEVEL_CATEGORIES)
    .nullable()
    .describe('First-level category of the matter. null if none fits or unclear.'),
  district: text('Beijing district (区) where the matter is, e.g. 朝阳区. null if not stated and not clearly implied by a named place.'),
  street: text('Street office, town or township (街道/镇/乡/地区) where the matter is, e.g. 望京街道. null if not stated and not clearly implied.'),
  address: text('Detailed address below the street (estate, road, building, unit), copied verbatim from the message. null if absent.'),
  description: text('One or two sentences in Simplified Chinese restating the problem in the citizen\'s own terms. null if the message has no problem in it.'),
  name: text('How the citizen asks to be addressed (e.g. 王先生), copied verbatim from the message. null if absent.'),
  confidential: z.boolean().nullable().describe('true if the citizen asks to keep their identity or report confidential; null if not mentioned.'),
  emergency: z.boolean().nullable().describe('true only for danger to life or property happening now (fire, smoke, gas leak, violence, injury, someone trapped, flooding, electric shock). false otherwise.'),
});
export type LlmAnswer = z.infer<typeof llmAnswerSchema>;

/**
 * How a model's answer is read back. Lenient where OpenAI-compatible servers differ harmlessly (a
 * missing key means null; keys we never asked for, such as a phone number, are dropped), strict on
 * every value that is present: a wrong type or a value outside our lists rejects the whole answer.
 */
export const llmAnswerReader = llmAnswerSchema.partial();
