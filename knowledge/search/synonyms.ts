/**
 * Words citizens and policies use for the same thing. Each group folds to its first word before
 * tokenising, on both the entries and the query, so 社会保障卡 in an entry and 社保卡 in a question
 * become the same term (and the same character bigrams). Longer words are replaced first.
 * Data, not code: add a group when `kb gaps` or an evaluation shows two names for one thing.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['社保卡', '社会保障卡', '社保卡片'],
  ['供暖', '暖气', '供热', '取暖'],
  ['公积金', '住房公积金'],
  ['医保', '医疗保险', '基本医疗保险'],
  ['身份证', '居民身份证', '二代证'],
  ['户口', '户籍', '户口本', '户口簿'],
  ['居住证', '暂住证'],
  ['新生儿', '刚出生的孩子', '宝宝出生', '婴儿'],
  ['异地就医', '外地看病', '外地就医', '异地看病'],
  ['垃圾分类', '垃圾分拣'],
  ['加装电梯', '装电梯', '增设电梯'],
  ['预付卡', '购物卡', '储值卡', '会员卡'],
  ['退款', '退钱', '退费'],
  ['拖欠工资', '欠薪', '拖欠薪水', '不发工资', '欠工资'],
  ['劳动仲裁', '劳动争议仲裁'],
  ['结婚登记', '领结婚证', '办结婚证'],
  ['护照', '出国证件'],
  ['限行', '尾号限行'],
  ['入学', '上学'],
  ['物业费', '物业管理费'],
  ['维修资金', '维修基金', '专项维修资金'],
  ['公租房', '公共租赁住房'],
  ['养犬登记', '狗证', '办狗证', '养狗登记'],
  ['残疾证', '残疾人证'],
  ['停车证', '居住停车', '停车许可'],
  ['老年餐', '养老助餐', '老人吃饭'],
  ['噪音', '噪声'],
];

interface SynonymRule {
  from: string;
  to: string;
}

let rules: SynonymRule[] | undefined;

function synonymRules(): SynonymRule[] {
  if (rules) return rules;
  rules = SYNONYM_GROUPS.flatMap(([canonical, ...others]) => (canonical ? others.map((from) => ({ from, to: canonical })) : [])).sort((a, b) => b.from.length - a.from.length);
  return rules;
}

/** Rewrites every synonym to its group's first word (text already folded to simplified). */
export function applySynonyms(text: string): string {
  let out = text;
  for (const { from, to } of synonymRules()) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}
