import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, checkTransition, type CaseAction, type CaseStatus, type ActorRole } from './case-lifecycle.ts';

const legal: Array<[CaseStatus, CaseAction, ActorRole, CaseStatus]> = [
  ['received', 'dispatch', 'admin', 'dispatched'],
  ['returned', 'dispatch', 'admin', 'dispatched'],
  ['dispatched', 'accept', 'unit', 'accepted'],
  ['reopened', 'accept', 'unit', 'accepted'],
  ['accepted', 'contact', 'unit', 'in_progress'],
  ['in_progress', 'progress', 'unit', 'in_progress'],
  ['in_progress', 'resolve', 'unit', 'resolved'],
  ['dispatched', 'return', 'unit', 'returned'],
  ['accepted', 'extend', 'unit', 'accepted'],
  ['in_progress', 'approve_extension', 'admin', 'in_progress'],
  ['resolved', 'start_callback', 'system', 'callback'],
  ['callback', 'callback_close', 'system', 'closed'],
  ['callback', 'reopen', 'system', 'reopened'],
  ['callback', 'callback_unreachable', 'system', 'closed'],
  ['callback', 'close', 'admin', 'closed'],
  ['in_progress', 'withdraw', 'citizen', 'withdrawn'],
  ['dispatched', 'urge', 'citizen', 'dispatched'],
  ['closed', 'exclude', 'admin', 'closed'],
];

describe('the case lifecycle', () => {
  it.each(legal)('%s --%s by %s--> %s', (from, action, role, to) => {
    expect(checkTransition(from, action, role, 'a note')).toEqual({ ok: true, to });
  });

  it('refuses steps out of order, naming what to do first', () => {
    const early = checkTransition('dispatched', 'resolve', 'unit', '已处理');
    expect(early).toMatchObject({ ok: false, code: 'illegal_transition' });
    expect(early.ok ? '' : early.message).toMatch(/contact/);
    expect(checkTransition('dispatched', 'contact', 'unit')).toMatchObject({ ok: false, code: 'illegal_transition' });
    expect(checkTransition('closed', 'withdraw', 'citizen')).toMatchObject({ ok: false, code: 'illegal_transition' });
    expect(checkTransition('withdrawn', 'exclude', 'admin', 'x')).toMatchObject({ ok: false, code: 'illegal_transition' });
  });

  it('keeps each action to its roles', () => {
    expect(checkTransition('callback', 'close', 'unit')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkTransition('received', 'dispatch', 'unit')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkTransition('in_progress', 'resolve', 'admin', 'x')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkTransition('callback', 'reopen', 'admin')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkTransition('dispatched', 'urge', 'unit')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('needs a result to resolve and a reason to return, extend or exclude', () => {
    for (const [from, action, role] of [['in_progress', 'resolve', 'unit'], ['dispatched', 'return', 'unit'], ['accepted', 'extend', 'unit'], ['closed', 'exclude', 'admin']] as const) {
      expect(checkTransition(from, action, role, '  ')).toMatchObject({ ok: false, code: 'note_required' });
    }
  });

  it('lets nothing but exclusion touch a closed or withdrawn case', () => {
    const actions: CaseAction[] = ['accept', 'contact', 'progress', 'resolve', 'return', 'extend', 'dispatch', 'urge', 'supplement', 'withdraw', 'reopen'];
    for (const status of ['closed', 'withdrawn'] as const) {
      for (const action of actions) {
        for (const role of ['admin', 'unit', 'citizen', 'system'] as const) expect(checkTransition(status, action, role, 'n').ok).toBe(false);
      }
    }
    expect(CASE_STATUSES).toHaveLength(10);
  });
});
