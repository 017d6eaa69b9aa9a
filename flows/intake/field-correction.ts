/**
 * A correction that names the field it corrects (地点改成酒仙桥路鑫泰装饰公司, 类别不对 应该是劳动仲裁,
 * 地址写错了): the rest of the message is the new value of that field only. Without this, a correction
 * whose new value the field's reader does not recognise was taken for a new account of the problem and
 * replaced it.
 */
import type { IntakeSlot as Slot } from '../domain/reply.ts';

const FIELD_WORDS: Array<[string, Slot]> = [
  ['问题描述|描述|内容', 'description'],
  ['地点|地址|位置|门牌号|门牌|住址|楼号|楼栋号|小区名字|小区名称|小区名|小区', 'address'],
  ['电话号码|电话|手机号码|手机号|手机|联系方式', 'phone'],
  ['称呼|名字|姓名', 'name'],
  ['类别|分类', 'category'],
  ['类型', 'type'],
  ['保密', 'confidential'],
];
// What marks the message as correcting that field: it is wrong, or what it should be.
const WRONG = '(?:也)?(?:写|填|记|说|打|弄|搞)?(?:错了|不对|有误|不准确|不准)了?';
const SHOULD_BE = '(?:要|请|帮我|麻烦)?(?:改成|改为|换成|写成|修改为|修改成|更正为|应该是|改一下|改下)';
const FIELD = FIELD_WORDS.map(([words]) => words).join('|');
const CORRECTION = new RegExp(
  `^(?:把|我的|那个)?(${FIELD})(?:(${WRONG})[，,。\\s]*(?:${SHOULD_BE}|是|为)?|[，,\\s]*(${SHOULD_BE})|(?:(?:应该)?(?:是|为)[：:]?|[：:]))[：:，,。\\s]*`,
  'u',
);

export interface FieldCorrection {
  slot: Slot;
  /** The new value as written; empty when the citizen only said the field is wrong. */
  rest: string;
  /** What the value is not (是5号楼 不是3号楼 → 3号楼), to replace inside the old value. */
  notThis?: string;
}

export function fieldCorrection(text: string): FieldCorrection | undefined {
  const trimmed = text.trim();
  const m = CORRECTION.exec(trimmed);
  if (!m) return undefined;
  const slot = FIELD_WORDS.find(([words]) => new RegExp(`^(?:${words})$`, 'u').test(m[1]!))?.[1];
  // 是太平家园 不是平家园: what it is not is no part of the new value.
  const value = trimmed.slice(m[0].length);
  const not = /[，,。\s]*(?:而)?不是([^，,。]*)$/u.exec(value);
  const rest = (not ? value.slice(0, not.index) : value).trim();
  const notThis = not?.[1]?.trim();
  return slot ? { slot, rest, ...(notThis ? { notThis } : {}) } : undefined;
}

/** A message that only names a field (内容, 地址, 手机号, 改地址): its slot. */
export function fieldNamed(text: string): Slot | undefined {
  const core = text.trim().replace(/^(?:改|修改|要改|改一下)?/u, '').replace(/[。.！!？?\s]+$/u, '');
  return FIELD_WORDS.find(([words]) => new RegExp(`^(?:${words})$`, 'u').test(core))?.[1];
}
