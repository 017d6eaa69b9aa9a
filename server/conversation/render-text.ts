import type { Reply } from '../../flows/domain/reply.ts';


/**
 * Plain-text rendering for chat channels without buttons (WeChat, the terminal): the text, then
 * numbered choices. The flow accepts the number or the words, so "2" and "求助" both work.
 */
export function renderText(reply: Reply): string {
  if (!reply.options?.length) return reply.text;
  const choices = reply.options.map((o, i) => `${i + 1}. ${o.label}`).join('\n');
  return `${reply.text}\n${choices}\n（回复数字或文字都可以）`;
}

/** Several replies of one turn joined into one bubble, for channels that rate-limit sends. */
export function renderTurn(replies: Reply[]): string {
  return replies.map(renderText).join('\n\n');
}


/**
 * Hide the middle of phone numbers (138****2222, 010-****1234). Used where others can read along,
 * such as a WeChat group, so a read-back never shows a citizen's full number to the room.
 */
export function maskPhoneNumbers(text: string): string {
  return text
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<!\d)(0\d{2,3}-)\d{3,4}(\d{4})(?!\d)/g, '$1****$2');
}
