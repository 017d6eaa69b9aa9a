/**
 * Structured replies: the contract between flows and channels.
 * Kinds and slot names are public API (other tools rely on them): add, never rename.
 */
export type ReplyKind =
  | 'text'
  | 'question'
  | 'confirm'
  | 'case_filed'
  | 'handoff'
  | 'error'
  // Reserved for later capabilities; listed so channels can render them already.
  | 'answer'
  | 'emergency'
  | 'case_status'
  | 'callback'
  | 'notice';

export type Slot = 'type' | 'description' | 'category' | 'address' | 'phone' | 'name' | 'confidential';

export interface ReplyOption {
  label: string;
  value: string;
}

export interface Reply {
  kind: ReplyKind;
  text: string;
  slot?: Slot;
  options?: ReplyOption[];
  data?: Record<string, unknown>;
}
