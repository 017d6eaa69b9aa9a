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
  | 'answer'
  | 'emergency'
  /** A case's timeline, or a list of the citizen's cases to pick from. */
  | 'case_status'
  /** The satisfaction callback: the result, then one question per reply (slot contacted/resolved/satisfaction). */
  | 'callback'
  /** Progress pushed on the system's initiative (dispatched, contacted, extended…). */
  | 'notice';

/** What intake asks for. */
export type IntakeSlot = 'type' | 'description' | 'category' | 'address' | 'phone' | 'name' | 'confidential';
/** What the satisfaction callback (回访) asks, on replies of kind `callback`. */
export type CallbackSlotName = 'contacted' | 'resolved' | 'satisfaction';
export type Slot = IntakeSlot | CallbackSlotName;

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
