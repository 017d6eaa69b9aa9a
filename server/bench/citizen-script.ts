import type { Reply } from '../../flows/domain/reply.ts';

/**
 * What a simulated citizen says. The opening tells the whole story in one message, the way most
 * citizens do; every later message answers whatever the bot asked, chosen by the question's slot,
 * so the script keeps working when the flow changes the order or number of its questions.
 */

/** A valid, distinct mobile number per citizen (138 + eight digits). */
export function phoneOf(index: number): string {
  return `138${String(index % 100_000_000).padStart(8, '0')}`;
}

export function openingOf(index: number): string {
  return `朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话${phoneOf(index)}`;
}

export type NextStep = { done: true; ticketNo: string } | { done: false; text: string } | { done: false; problem: string };

/** Decide the citizen's next message from the replies to the previous one. */
export function nextStep(replies: readonly Reply[], index: number): NextStep {
  const filed = replies.find((r) => r.kind === 'case_filed');
  if (filed) {
    const ticketNo = filed.data?.ticketNo;
    return typeof ticketNo === 'string' ? { done: true, ticketNo } : { done: false, problem: 'case_filed without a ticket number' };
  }
  const blocking = replies.find((r) => r.kind === 'handoff' || r.kind === 'error');
  if (blocking) return { done: false, problem: `the bot answered ${blocking.kind}` };
  // The question to answer is the last one asked; earlier replies are acknowledgements.
  const asked = replies.findLast((r) => r.kind === 'question' || r.kind === 'confirm');
  if (!asked) return { done: false, problem: `no question to answer (kinds: ${replies.map((r) => r.kind).join(', ') || 'none'})` };
  if (asked.kind === 'confirm') return { done: false, text: '确认' };
  switch (asked.slot) {
    case 'type':
      return { done: false, text: '投诉' };
    case 'description':
      return { done: false, text: '楼下垃圾桶满了三天没人清理' };
    case 'category':
      return { done: false, text: '1' };
    case 'address':
      return { done: false, text: '朝阳区望京街道花家地北里3号楼' };
    case 'phone':
      return { done: false, text: phoneOf(index) };
    case 'name':
      return { done: false, text: '王先生' };
    case 'confidential':
      return { done: false, text: '不需要保密' };
    default:
      return { done: false, problem: `a question without a slot the script knows (${asked.slot ?? 'none'})` };
  }
}
