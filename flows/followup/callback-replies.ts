import type { Reply } from '../domain/reply.ts';
import { CALLBACK_OPTIONS, type CallbackSlot } from '../callback/read-answer.ts';
import { followCopy } from './followup.copy.ts';

/** One callback question: a reply of kind `callback` whose slot names what it asks, with tap-able options. */
export function callbackQuestion(ticketNo: string, slot: CallbackSlot): Reply {
  return { kind: 'callback', slot, text: followCopy.callbackQuestions[slot], options: CALLBACK_OPTIONS[slot], data: { ticketNo } };
}
