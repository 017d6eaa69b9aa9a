/**
 * What an optional language model suggested about a message, already validated against our own
 * lists by the server. Flows use hints only where the rules found nothing, or to choose among the
 * rules' own candidates; the rules always win.
 */
export interface TextHintValues {
  kind?: '咨询' | '投诉' | '求助' | '建议' | '举报' | '表扬';
  category?: string;
  district?: string;
  street?: string;
  address?: string;
  description?: string;
  name?: string;
  confidential?: boolean;
  emergency?: boolean;
}

export interface TextHints {
  /** The question the hints were computed for; hints for a question since moved on are ignored. */
  asking?: string;
  values: TextHintValues;
}
