/**
 * The kind of request (诉求类型) when the message says it clearly. A wrong guess costs more than a
 * question, so anything unclear stays undefined and intake asks.
 */
import type { RequestType } from '../case-draft.ts';
import { normaliseForMatching } from './fold.ts';

// The citizen names the kind: the first one not negated (不是投诉，是建议 → 建议).
const EXPLICIT = /举报|投诉|建议|表扬|求助/g;
const NEGATED_BEFORE = /(?:不是|不想|不要|不用|没有|不)$/;
const PRAISE =
  /点赞|锦旗|好评|(?:感谢|谢谢|多谢).{0,12}?(?:师傅|工作人员|同志|社区|街道|居委会|物业|民警|警察|老师|医生|大夫|护士|司机|保安|保洁|网格员|书记|主任)|(?:感谢|谢谢|多谢).{0,15}?(?:解决了|修好了|处理好了|办好了)/;
// Grievances: something wrong that someone should have prevented.
const GRIEVANCE =
  /没人(?:管|处理|清理|理|修|收拾|来)|不作为|不管不问|推诿|踢皮球|太吵|吵得|噪音|扰民|乱(?:收费|扣费|扣|停|放|堆|搭|建|贴)|多收费|违建|违章|私搭|占道|拖欠|欠薪|(?:不|拒不)(?:给)?退(?:款|钱|费)?|态度(?:很|太|极|特别)?(?:差|恶劣)|脏乱|太脏|恶臭|臭味|污染|油烟|偷工减料|投诉无门|太贵|坑人|欺骗|骗人/;
const HELP = /帮帮忙|帮个忙|求求|救救|怎么办(?!理)|急需|被困|困在|请帮|帮我(?:们)?(?:解决|处理|看看|想想办法)/;
const SUGGESTION = /希望|最好能|能不能(?:增加|增设|安装|设置|多|开通)|可不可以(?:增加|增设|安装|设置|开通)|如果能/;

export function detectRequestTypeIn(text: string): RequestType | undefined {
  for (const m of text.matchAll(EXPLICIT)) {
    if (NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    return m[0] as RequestType;
  }
  if (PRAISE.test(text)) return '表扬';
  if (GRIEVANCE.test(text)) return '投诉';
  if (HELP.test(text)) return '求助';
  if (SUGGESTION.test(text)) return '建议';
  return undefined;
}

export function detectRequestType(text: string): RequestType | undefined {
  return detectRequestTypeIn(normaliseForMatching(text));
}
