import { normaliseForMatching } from '../../flows/domain/understand/fold.ts';
import { BEIJING_DISTRICTS, BEIJING_TOWNSHIPS } from '../../flows/domain/places/beijing-divisions.ts';
import { HINT_LIMITS, LlmHints, type LlmAnswer } from './hints.ts';
import { resolvePlace } from './places.ts';

/**
 * Turns a model's schema-valid answer into hints we are willing to act on. The model's strings are
 * never trusted: places must be real Beijing divisions, an address or name must occur in what the
 * citizen wrote, and no string may carry a phone-like number (phones come from the rules only).
 */

const PHONE_PLACEHOLDER = '[号码]';
// A run of digits, half- or full-width (WeChat keyboards send １３８), possibly grouped by spaces or
// dashes (138-1111-2222, 010 6888 1234, +86 138…).
const DIGIT_RUN = /[+＋]?[0-9０-９](?:[0-9０-９ \u3000\-－]*[0-9０-９])?/g;
const DIGIT = /[0-9０-９]/g;
const MIN_MASKED_DIGITS = 7;
// Control and format characters (newlines, zero-width and bidi marks): nothing a hint needs.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;

/**
 * Replaces every number of 7 digits or more (phones, ID numbers, bank cards) with a placeholder.
 * Applied to the text before it leaves for the model, and to every string the model returns.
 */
export function maskLongNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => ((run.match(DIGIT)?.length ?? 0) >= MIN_MASKED_DIGITS ? PHONE_PLACEHOLDER : run));
}

function capped(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length > max ? chars.slice(0, max).join('').trim() : value;
}

/** Trimmed, one line, no invisible characters, at most `max` characters; undefined when empty. */
function cleanText(value: string | null | undefined, max: number): string | undefined {
  if (value === null || value === undefined) return undefined;
  const cleaned = capped(value.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim(), max);
  return cleaned.length > 0 ? cleaned : undefined;
}

const compact = (text: string) => normaliseForMatching(text).replace(/\s+/g, '');

/** The address without a leading city, district or full street name: the draft keeps those apart. */
function withoutPlacePrefix(address: string): string {
  let rest = address.replace(/^(北京市|北京)\s*/, '');
  const district = BEIJING_DISTRICTS.find((d) => rest.startsWith(d.name));
  if (district) rest = rest.slice(district.name.length).trimStart();
  const street = BEIJING_TOWNSHIPS.find((t) => rest.startsWith(t.name) && rest.length > t.name.length);
  if (street) rest = rest.slice(street.name.length).trimStart();
  return rest;
}

/**
 * Kept only when the citizen wrote it (the model may point at words, not write them) and when it
 * holds no long number (a phone in the name field is still a phone).
 */
function quoted(value: string | undefined, citizenText: string): string | undefined {
  if (value === undefined || maskLongNumbers(value) !== value) return undefined;
  return compact(citizenText).includes(compact(value)) ? value : undefined;
}

export interface HintContext {
  /** The district the conversation already knows, to break ties between streets of the same name. */
  knownDistrict?: string;
}

/**
 * The validated hints for one message, or undefined if nothing survives. `citizenText` is the
 * message as the citizen wrote it (before masking).
 */
export function hintsFromAnswer(answer: Partial<LlmAnswer>, citizenText: string, context: HintContext = {}): LlmHints | undefined {
  const hints: LlmHints = {};
  if (answer.kind) hints.kind = answer.kind;
  if (answer.category) hints.category = answer.category;

  const place = resolvePlace(cleanText(answer.district, 40), cleanText(answer.street, 80), context.knownDistrict);
  if (place.district) hints.district = place.district.name;
  if (place.street) hints.street = place.street.name;

  const address = cleanText(answer.address, HINT_LIMITS.address);
  const addressBelowStreet = quoted(address === undefined ? undefined : cleanText(withoutPlacePrefix(address), HINT_LIMITS.address), citizenText);
  if (addressBelowStreet) hints.address = addressBelowStreet;

  const name = quoted(cleanText(answer.name, HINT_LIMITS.name), citizenText);
  if (name) hints.name = name;

  const description = cleanText(answer.description, HINT_LIMITS.description);
  if (description) hints.description = maskLongNumbers(description);

  if (typeof answer.confidential === 'boolean') hints.confidential = answer.confidential;
  if (typeof answer.emergency === 'boolean') hints.emergency = answer.emergency;

  // The result is ours, but the schema is the contract the flow relies on: check it anyway.
  const checked = LlmHints.safeParse(hints);
  if (!checked.success || Object.keys(checked.data).length === 0) return undefined;
  return checked.data;
}
