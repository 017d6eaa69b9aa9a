import { describe, expect, it } from 'vitest';
import { asksProgress, caseStatusReply, notificationCommand, ticketNoIn, type CaseSummary } from './followup.logic.ts';

describe('following a case in chat', () => {
  it.each([
    '我反映的问题怎么样了',
    '上次投诉的事有结果了吗？',
    '我之前反映的那个噪音问题处理了吗',
    '查进度',
    '工单进度',
    '查一下我的工单',
    '我的投诉',
    '我的工单怎么还没人管 催一下',
    '垃圾已经清了 那个工单撤了吧',
    '我那个暖气的事咋样了',
    '我反映的暖气问题有人管了吗',
    '电话反映的 工单号记不住了',
  ])('recognises a progress question: %s', (text) => {
    expect(asksProgress(text)).toBe(true);
  });

  it.each([
    '小区门口路灯坏了一周了',
    '楼下饭店油烟太大，怎么样才能让他们装净化器',
    '燃气费太贵了',
    '我要投诉物业',
    '我的问题是楼上天天漏水',
    '物业的工单系统太烂了',
  ])('leaves a new matter alone: %s', (text) => {
    expect(asksProgress(text)).toBe(false);
  });

  it('finds ticket numbers in any case', () => {
    expect(ticketNoIn('帮我查下j26112300001这个单子')).toBe('J26112300001');
    expect(ticketNoIn('J2611230001')).toBeUndefined();
  });

  it('reads notification wishes both ways', () => {
    expect(notificationCommand('不要再通知我了')).toBe('off');
    expect(notificationCommand('别给我发消息了')).toBe('off');
    expect(notificationCommand('恢复通知')).toBe('on');
    expect(notificationCommand('通知我一下结果')).toBeUndefined();
  });

  it('renders a timeline with the due time and the next steps for an open case', () => {
    const c: CaseSummary = {
      ticketNo: 'J26112300001',
      status: 'in_progress',
      statusLabel: '办理中',
      unitName: '望京街道办事处',
      summary: '垃圾桶满了',
      dueAt: '2026-11-30T10:00:00.000Z',
      overdue: false,
      open: true,
      timeline: [
        { at: '2026-11-23T02:00:00.000Z', step: '已受理', unit: null, note: null },
        { at: '2026-11-23T03:00:00.000Z', step: '已联系您', unit: '望京街道办事处', note: null },
      ],
    };
    const reply = caseStatusReply(c);
    expect(reply.kind).toBe('case_status');
    expect(reply.text).toContain('11月23日 10:00 已受理');
    expect(reply.text).toContain('办理时限：11月30日 18:00');
    expect(reply.options?.map((o) => o.value)).toEqual(['urge', 'supplement', 'withdraw', 'back']);
    expect(caseStatusReply({ ...c, status: 'closed', statusLabel: '已结案', open: false }).options).toBeUndefined();
  });
});
