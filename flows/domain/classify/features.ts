/**
 * The features the category model sees: character n-grams of lightly normalised text, plus the same
 * n-grams of the opening characters tagged apart (the first clause usually names the problem), and the
 * word model's lexicon words and pairs.
 * Shared by training and inference so the two can never drift.
 */
import { normaliseForMatching } from '../understand/fold.ts';
import { lexiconFeatures, type Lexicon } from './lexicon.ts';

export interface FeatureConfig {
  /** Longest character n-gram (1..maxN). */
  maxN: number;
  /** How many opening characters also count as tagged "lead" n-grams; 0 for none. */
  lead: number;
}

/** Marks a lead n-gram. Whitespace never survives normalisation, so no body n-gram starts with it. */
export const LEAD_TAG = '\t';

// The training corpus anonymises places (A市, A3区, K6县); real Beijing messages name districts. Both
// become the same placeholder so neither the letters nor the names carry weight.
const ANONYMISED_PLACE = /[a-z]\d{0,2}(?=[市区县州])/g;
const BEIJING_DISTRICT = /(?:东城|西城|朝阳|海淀|丰台|石景山|门头沟|房山|通州|顺义|昌平|大兴|怀柔|平谷|密云|延庆)(?=区)|北京(?=市)/g;
const NUMBER = /\d+(?:\.\d+)?/g;
const WHITESPACE = /\s+/g;
const PLACE = 'Ｘ';

/**
 * Simplified characters, half-width ASCII in lower case, places as one placeholder, every number as
 * `0`, no whitespace (in Chinese text it is layout, not meaning).
 */
export function normaliseForCategory(text: string): string {
  return normaliseForMatching(text)
    .toLowerCase()
    .replace(ANONYMISED_PLACE, PLACE)
    .replace(BEIJING_DISTRICT, PLACE)
    .replace(NUMBER, '0')
    .replace(WHITESPACE, '');
}

/** n-gram → count for one message. */
export function extractFeatures(text: string, config: FeatureConfig): Map<string, number> {
  const chars = Array.from(normaliseForCategory(text));
  const counts = new Map<string, number>();
  addGrams(chars, chars.length, config.maxN, '', counts);
  if (config.lead > 0) addGrams(chars, Math.min(config.lead, chars.length), config.maxN, LEAD_TAG, counts);
  return counts;
}

function addGrams(chars: string[], end: number, maxN: number, tag: string, counts: Map<string, number>): void {
  for (let i = 0; i < end; i++) {
    let gram = tag;
    for (let n = 0; n < maxN && i + n < end; n++) {
      gram += chars[i + n]!;
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
}

/** The word model's features of a message: lexicon words and word pairs (see `lexicon.ts`). */
export function extractWordFeatures(text: string, lexicon: Lexicon): Map<string, number> {
  return lexiconFeatures(lexicon, normaliseForCategory(text));
}
