import { describe, expect, it } from 'vitest';
import { absorb, emptyIntake, forgetSlot, hasPlace, howLongAnswer, missingSlot, maskPhone, nextQuestion, resolveOption, readBack } from './intake.logic.ts';
import { typeOptions } from './intake.copy.ts';
import { categorise } from './categorize.ts';
import { categoryTree } from '../domain/categories/category-tree.ts';

describe('intake rules', () => {
  it('reads a number as the option in that position', () => {
    expect(resolveOption('2', typeOptions)).toBe('求助');
    expect(resolveOption('2。', typeOptions)).toBe('求助');
    expect(resolveOption('9', typeOptions)).toBe('9');
    expect(resolveOption('举报', typeOptions)).toBe('举报');
  });

  it('asks for what happened before anything else', () => {
    expect(missingSlot({})).toBe('description');
    expect(missingSlot({ description: '路灯坏了', type: '投诉' })).toBe('category');
    expect(missingSlot({ description: '路灯坏了', type: '投诉', categoryId: 'C01.02' })).toBe('address');
  });

  it('treats a skipped name as answered', () => {
    const draft = { description: '路灯坏了', type: '投诉' as const, categoryUnknown: true, districtCode: '110105', streetCode: '110105026', address: '花家地北里3号楼', phone: '13811112222', nameSkipped: true };
    expect(missingSlot(draft)).toBe('confidential');
  });

  it('takes everything one message offers', () => {
    const state = absorb(emptyIntake(), '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222');
    expect(state.draft).toMatchObject({ district: '朝阳区', street: '望京街道', phone: '13811112222' });
    expect(state.draft.description).toContain('垃圾桶');
    expect(state.failures).toBe(0);
  });

  it('counts a message that adds nothing as a failure', () => {
    const asked = { ...emptyIntake({ description: '路灯坏了' }), asking: 'phone' as const };
    expect(absorb(asked, '不知道').failures).toBe(1);
  });

  it('takes an address given on its own at the read-back as the corrected address', () => {
    const atReadBack = { ...emptyIntake({ description: '楼下烧烤店半夜太吵', type: '投诉' as const, district: '朝阳区', street: '望京街道', address: '花家地北里' }), asking: 'change' as const };
    expect(absorb(atReadBack, '花家地北里5号楼').draft.address).toBe('花家地北里5号楼');
    expect(absorb(atReadBack, '地址是花家地北里5号楼').draft.address).toBe('花家地北里5号楼');
    // While collecting, a second place mentioned in passing does not replace the first.
    const collecting = { ...atReadBack, asking: 'phone' as const };
    expect(absorb(collecting, '花家地北里5号楼').draft.address).toBe('花家地北里');
  });

  it('takes a name given together with the phone number, so it does not ask for it again', () => {
    const asked = { ...emptyIntake({ description: '小区好多人遛狗不拴绳', type: '投诉' as const }), asking: 'phone' as const };
    expect(absorb(asked, '18500001111 王女士').draft).toMatchObject({ phone: '18500001111', name: '王女士' });
    expect(absorb(asked, '13612345678 张先生').draft).toMatchObject({ phone: '13612345678', name: '张先生' });
  });

  it.each([
    ['陈', '陈'],
    ['姓吳', '吴'],
    ['老杨', '老杨'],
    ['小孟', '小孟'],
    ['赵阿姨', '赵阿姨'],
    ['姓李 李女士', '李女士'],
  ])('takes %s as the answer to the name question', (answer, name) => {
    const asked = { ...emptyIntake({ description: '井盖没了', type: '投诉' as const }), asking: 'name' as const };
    const state = absorb(asked, answer);
    expect(state.draft.name).toBe(name);
    expect(state.problem).toBeUndefined();
  });

  it.each(['不说了 跳过', '不想说', '跳过吧', '不用', '不需要'])('takes %s as skipping the name', (answer) => {
    const asked = { ...emptyIntake({ description: '井盖没了', type: '投诉' as const }), asking: 'name' as const };
    const state = absorb(asked, answer);
    expect(state.draft.nameSkipped).toBe(true);
    expect(state.draft.name).toBeUndefined();
    expect(state.problem).toBeUndefined();
  });

  it.each(['称呼是王先生', '叫我王先生', '王先生', '是王先生'])('takes %s at the read-back as the corrected name', (answer) => {
    const draft = { description: '物业乱涨车位费', type: '投诉' as const, district: '朝阳区', street: '望京街道', address: '望京西园三区', phone: '13701234567', name: '王', confidential: true };
    const state = absorb({ ...emptyIntake(draft), asking: 'change' as const }, answer);
    expect(state.draft.name).toBe('王先生');
    expect(state.draft.description).toBe('物业乱涨车位费');
    expect(state.failures).toBe(0);
    expect(readBack(state).reply.text).toContain('称呼：王先生');
  });

  it('reads back the form of address the citizen used', () => {
    const asked = { ...emptyIntake({ description: '暖气不热', type: '投诉' as const }), asking: 'name' as const };
    expect(readBack(absorb(asked, '姓李 李女士')).reply.text).toContain('称呼：李女士');
    expect(readBack(absorb(asked, '姓王')).reply.text).toContain('称呼：王\n');
  });

  it('asks which street in words that fit the choice', () => {
    const split = absorb(emptyIntake({ description: '物业不管楼道灯' }), '天通苑东三区');
    expect(nextQuestion(split).reply.text).toContain('分属几个街道');
    expect(nextQuestion(split).reply.text).not.toContain('在几个区都有');
  });

  it('reads a worded answer to the category question as the category, keeping the account', () => {
    const account = '物业去年突然把地面车位费从150涨到了300，也没开业主大会，也没公示，现在不交就不让车进小区';
    const asked = { ...emptyIntake({ description: account, type: '投诉' as const }), asking: 'category' as const };
    const state = absorb(asked, '都不是 是物业乱收停车费');
    expect(state.draft.description).toBe(account);
    expect(state.draft.categoryId).toBeDefined();
  });

  it('takes a category answered in words: part of an option, or a category by name', () => {
    const description = '我们小区宽带老掉线 联通的 报修好几次了也没人来';
    const { options } = categorise(description);
    const asked = { ...emptyIntake({ description, type: '投诉' as const }), asking: 'category' as const, options };
    const broadband = options.find((o) => o.label.includes('宽带'));
    expect(broadband).toBeDefined();
    expect(absorb(asked, '宽带').draft.categoryId).toBe(broadband?.value);
    const byName = absorb(asked, '养老服务').draft.categoryId;
    expect(byName && categoryTree().get(byName)?.name).toBe('养老服务');
    expect(absorb(asked, '嗯').problem).toBe('not_understood');
  });

  it('does not ask praise for a category', () => {
    expect(missingSlot({ description: '感谢网格员小李帮我们协调修好了楼顶', type: '表扬' })).toBe('address');
  });

  it('says why a phone is needed when the citizen declines to give one', () => {
    const asked = { ...emptyIntake({ description: '路灯坏了', type: '投诉' as const, categoryUnknown: true, district: '海淀区', districtCode: '110108', street: '清河街道', streetCode: '110108021', address: '清河小营' }), asking: 'phone' as const };
    const declined = absorb(asked, '跳过 不用联系我');
    expect(declined.problem).toBe('phone_declined');
    expect(nextQuestion(declined).reply.text).toContain('回访');
    expect(nextQuestion(declined).reply.text).not.toContain('没太明白');
  });

  it('masks the middle of a mobile number', () => {
    expect(maskPhone('13811112222')).toBe('138****2222');
  });

  it('puts the whole case in the read-back', () => {
    const q = readBack(emptyIntake({ type: '建议', description: '希望增加公交班次', district: '昌平区', street: '回龙观街道', address: '龙泽苑', phone: '010-68881234', confidential: true }));
    expect(q.reply.kind).toBe('confirm');
    expect(q.reply.text).toContain('昌平区回龙观街道 龙泽苑');
    expect(q.reply.text).toContain('保密：是');
  });
});

describe('hints from the optional model', () => {
  it('fill only what the rules left empty', () => {
    const state = absorb(emptyIntake(), '小区门口的井盖丢了好几天了，电话13811112222', { street: '望京街道', district: '朝阳区', kind: '投诉' });
    expect(state.draft).toMatchObject({ street: '望京街道', district: '朝阳区', type: '投诉', phone: '13811112222' });
  });

  it('never override what the rules found', () => {
    const state = absorb(emptyIntake(), '海淀区中关村街道的路灯坏了一周了', { street: '望京街道', district: '朝阳区' });
    expect(state.draft).toMatchObject({ street: '中关村街道', district: '海淀区' });
  });

  it('choose only among the rules’ own candidates', () => {
    const asked = { ...emptyIntake({ description: '路灯坏了', type: '投诉' as const }), asking: 'address' as const };
    expect(absorb(asked, '八里庄街道', { street: '八里庄街道', district: '海淀区' }).draft).toMatchObject({ district: '海淀区', streetCode: '110108005' });
    expect(absorb(asked, '八里庄街道', { street: '望京街道', district: '朝阳区' }).candidates?.length).toBe(2);
  });

  it('ignore street names that do not exist', () => {
    expect(absorb(emptyIntake(), '井盖丢了好几天了，太危险了', { street: '火星街道', district: '朝阳区' }).draft.district).toBe('朝阳区');
  });
});

describe('the category of the work order', () => {
  it('is set without asking when the account leaves no doubt', () => {
    const state = absorb(emptyIntake(), '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理');
    expect(state.draft.categoryId).toBeDefined();
  });

  it('is asked with options, and "none of these" is an answer', () => {
    const vague = { ...emptyIntake({ description: '这个事情拖了很久了一直没人给个说法', type: '投诉' as const }) };
    expect(missingSlot(vague.draft)).toBe('category');
    const q = nextQuestion(vague);
    expect(q.reply.slot).toBe('category');
    expect(q.reply.options?.at(-1)?.label).toBe('都不是');
    const answered = absorb({ ...vague, asking: q.asking, options: q.options }, String(q.options?.length));
    expect(answered.draft.categoryId !== undefined || answered.draft.categoryUnknown === true).toBe(true);
    expect(missingSlot(answered.draft)).toBe('address');
  });

  it('takes a picked option by its number', () => {
    const vague = emptyIntake({ description: '这个事情拖了很久了一直没人给个说法', type: '投诉' as const });
    const q = nextQuestion(vague);
    const answered = absorb({ ...vague, asking: q.asking, options: q.options }, '1');
    expect(answered.draft.categoryId).toBe(q.options?.[0]?.value);
  });

  it('tells the citizen in the read-back which unit will handle the case', () => {
    const q = readBack(emptyIntake({ type: '投诉', description: '楼下垃圾桶满了三天没人清理', categoryUnknown: true, district: '朝阳区', districtCode: '110105', street: '望京街道', streetCode: '110105026', address: '花家地北里3号楼', phone: '13811112222', confidential: false }));
    expect(q.reply.text).toContain('承办：望京街道');
    expect(q.reply.data?.summary).toMatchObject({ unit: { code: '110105026', name: '望京街道', kind: 'street' } });
  });
});

describe('the place of the case', () => {
  const described = { description: '工地半夜两点还在打桩', type: '投诉' as const, categoryUnknown: true };

  function askedAfter(state: ReturnType<typeof emptyIntake>) {
    const q = nextQuestion(state);
    return { ...state, asking: q.asking, options: q.options, acks: [] };
  }

  it('takes the option an answer names in words, and the crossing that follows as the address', () => {
    const split = absorb(emptyIntake(described), '亦庄经海路那个工地半夜两点还在打桩');
    const asked = askedAfter(split);
    expect(asked.asking).toBe('street_choice');
    const state = absorb(asked, '开发区 经海路和科创十三街交叉口那个工地');
    expect(state.draft).toMatchObject({ street: '北京经济技术开发区', district: '大兴区', address: '经海路和科创十三街交叉口的工地' });
    expect(state.problem).toBeUndefined();
    expect(missingSlot(state.draft)).toBe('phone');
  });

  it('takes a street named in full over an option the answer also hints at', () => {
    const asked = askedAfter(absorb(emptyIntake(described), '亦庄荣华中路那一片天天有车乱停'));
    const state = absorb(asked, '开发区那边的 荣华街道');
    expect(state.draft).toMatchObject({ street: '荣华街道', address: '亦庄荣华中路' });
  });

  it('asks the same options again when an answer picks none, so a number still works', () => {
    const asked = askedAfter(absorb(emptyIntake(described), '亦庄经海路那个工地半夜两点还在打桩'));
    const failed = absorb(asked, '嗯嗯');
    const again = nextQuestion(failed);
    expect(again.asking).toBe('street_choice');
    expect(again.reply.text).toContain('抱歉，我没太明白');
    expect(again.options).toEqual(asked.options);
    const picked = absorb({ ...failed, asking: again.asking, options: again.options }, '2');
    expect(picked.draft.street).toBe('北京经济技术开发区');
  });

  it('offers only the streets of the start of a route, never a mix of both ends', () => {
    const state = absorb(emptyIntake(), '建议加开一条从天通苑到望京的公交 早高峰5号线挤不上去 坐公交要倒两趟');
    const q = nextQuestion(state);
    expect(q.asking).toBe('street_choice');
    expect(q.options?.map((o) => o.label)).toEqual(['昌平区天通苑北街道', '昌平区天通苑南街道', '不清楚']);
    expect(state.draft.address).toBe('天通苑到望京');
  });

  it('routes by the district when the citizen does not know the street, and says so in the read-back', () => {
    const draft = { ...described, description: '地铁站口共享单车堆成山', district: '海淀区', districtCode: '110108', address: '西二旗地铁站B口' };
    const asked = askedAfter(emptyIntake(draft));
    expect(asked.asking).toBe('address');
    const state = absorb(asked, '不知道 就西二旗地铁站');
    expect(state.problem).toBeUndefined();
    expect(state.draft).toMatchObject({ district: '海淀区', streetUnknown: true, address: '西二旗地铁站B口' });
    expect(state.draft.streetCode).toBeUndefined();
    expect(missingSlot(state.draft)).toBe('phone');
    expect(nextQuestion(state).reply.text).toContain('街道不清楚也没关系');
    const q = readBack(emptyIntake({ ...state.draft, phone: '13988887777', nameSkipped: true, confidential: false }));
    expect(q.reply.text).toContain('地点：海淀区 西二旗地铁站B口（街道未确定');
    expect(q.reply.text).toContain('承办：海淀区人民政府');
  });

  it('does not loop on "not found" when the citizen says they do not know the street', () => {
    const draft = { ...described, district: '海淀区', districtCode: '110108', address: '华清嘉园北门外面那条路' };
    const state = absorb(askedAfter(emptyIntake(draft)), '哪个街道我真不清楚 就五道口那块');
    expect(state.problem).toBeUndefined();
    expect(state.draft.streetUnknown).toBe(true);
    expect(state.draft.address).toBe('华清嘉园北门外面那条路');
    expect(missingSlot(state.draft)).toBe('phone');
  });

  it('does not take an unknown door number for an unknown street', () => {
    const state = absorb(askedAfter(emptyIntake(described)), '门牌号不清楚 就在花家地北里');
    expect(state.draft.streetUnknown).toBeUndefined();
    expect(state.draft.address).toBe('花家地北里');
    expect(nextQuestion(state).reply.text).toContain('“花家地北里”属于哪个区');
  });

  it('asks for the district when the citizen knows neither it nor the street', () => {
    const state = absorb(askedAfter(emptyIntake({ ...described, address: '花家地北里' })), '哪个街道不知道');
    expect(state.draft.streetUnknown).toBe(true);
    expect(nextQuestion(state).reply.text).toBe('好的，街道不清楚也没关系。大概在哪个区？比如“海淀区”。');
    const withDistrict = absorb({ ...state, asking: 'address', acks: [] }, '朝阳区');
    expect(withDistrict.draft).toMatchObject({ district: '朝阳区', streetUnknown: true, address: '花家地北里' });
    expect(missingSlot(withDistrict.draft)).toBe('phone');
  });

  it('takes "不清楚" among the street options as the district alone', () => {
    const asked = askedAfter(absorb(emptyIntake(described), '西二旗地铁站B口那共享单车堆成山了'));
    expect(asked.options?.at(-1)?.label).toBe('不清楚');
    const state = absorb(asked, String(asked.options?.length));
    expect(state.draft).toMatchObject({ district: '海淀区', streetUnknown: true, address: '西二旗地铁站B口' });
    expect(missingSlot(state.draft)).toBe('phone');
  });

  it('keeps the estate and the road with the building number', () => {
    const draft = { ...described, district: '石景山区', districtCode: '110107', street: '鲁谷街道', streetCode: '110107011' };
    const state = absorb(askedAfter(emptyIntake(draft)), '鲁谷东街那个重聚园小区 7号楼');
    expect(state.draft.address).toBe('鲁谷东街的重聚园小区 7号楼');
  });

  it('accepts a shop and its branch as the detailed location', () => {
    const draft = { ...described, description: '中介不退押金' };
    const state = absorb(askedAfter(emptyIntake(draft)), '朝阳 望京的我爱我家 望京西园店');
    expect(state.draft).toMatchObject({ district: '朝阳区', street: '望京街道', address: '我爱我家 望京西园店' });
    expect(missingSlot(state.draft)).toBe('phone');
  });

  it('leaves the address to ask for when the answer names only the street', () => {
    const state = absorb(askedAfter(emptyIntake(described)), '就是表扬一下 我住海淀清河 当时热力公司的师傅来修的');
    expect(state.draft).toMatchObject({ district: '海淀区', street: '清河街道' });
    expect(state.draft.address).toBeUndefined();
    expect(nextQuestion(state).reply.text).toContain('具体在海淀区清河街道的哪个小区');
  });
});


describe('corrections that name the field', () => {
  const account = '朝阳区酒仙桥 公司叫鑫泰装饰 拖欠我三个月工资 一万二';
  const filled = {
    description: account,
    type: '投诉' as const,
    district: '朝阳区',
    districtCode: '110105',
    street: '酒仙桥街道',
    address: '酒仙桥',
    phone: '13800001111',
    name: '张',
    confidential: false,
  };
  const atReadBack = () => ({ ...emptyIntake(filled), asking: 'change' as const });

  it('takes 地点改成… as the address only, keeping the account', () => {
    const state = absorb(atReadBack(), '地点改成酒仙桥路鑫泰装饰公司');
    expect(state.draft.address).toBe('酒仙桥路鑫泰装饰公司');
    expect(state.draft.description).toBe(account);
    expect(state.acks).toContain('好的，地点已更新。');
  });

  it('takes 类别不对 应该是… as the category only', () => {
    const state = absorb(atReadBack(), '类别不对 应该是劳动仲裁');
    expect(state.draft.description).toBe(account);
    expect(categoryTree().get(state.draft.categoryId ?? '')?.name).toBe('劳动仲裁');
  });

  it('asks a field again when the citizen only says it is wrong', () => {
    const state = absorb(atReadBack(), '地址写错了');
    expect(state.draft.address).toBeUndefined();
    expect(state.draft.description).toBe(account);
    expect(state.draft.street).toBeUndefined();
  });

  it('leaves out what the new value is not (是太平家园 不是平家园)', () => {
    expect(absorb(atReadBack(), '地址错了 是太平家园 不是平家园').draft.address).toBe('太平家园');
  });

  it('never takes a name or the wish for confidentiality given to "where?" as the address, and says it was noted', () => {
    const asked = { ...emptyIntake({ description: account, type: '投诉' as const, district: '朝阳区', districtCode: '110105', street: '酒仙桥街道' }), asking: 'address' as const };
    const named = absorb(asked, '姓张');
    expect(named.draft.name).toBe('张');
    expect(named.draft.address).toBeUndefined();
    expect(named.acks).toContain('好的，称呼记下了。');
    expect(absorb(asked, '不用保密').draft.address).toBeUndefined();
  });
});

describe('the street already known', () => {
  const account = '就在回龙观华联旁边那个过街天桥底下，井盖丢了，一个大黑窟窿，晚上特别危险';

  it('asks no street question when the answer names it among others (… 霍营方向)', () => {
    const placed = absorb(emptyIntake(), account);
    expect(placed.draft.street).toBe('回龙观街道');
    const asked = { ...placed, draft: { ...placed.draft, type: '求助' as const }, asking: 'address' as const };
    const answered = absorb(asked, '就是回龙观华联商厦 西边那个天桥 霍营方向');
    expect(answered.candidates).toBeUndefined();
    expect(answered.draft.street).toBe('回龙观街道');
    expect(answered.problem).toBeUndefined();
  });

  it('takes picking the street already set as an answer', () => {
    const placed = absorb(emptyIntake(), account);
    const candidates = [
      { code: placed.draft.streetCode!, name: '回龙观街道', district: '昌平区', districtCode: '110114' },
      { code: '110114010', name: '霍营街道', district: '昌平区', districtCode: '110114' },
    ];
    const asked = { ...placed, asking: 'street_choice' as const, candidates, options: [...candidates.map((c) => ({ label: `昌平区${c.name}`, value: c.code })), { label: '不清楚', value: '不清楚' }] };
    const picked = absorb(asked, '回龙观');
    expect(picked.problem).toBeUndefined();
    expect(picked.failures).toBe(0);
    expect(picked.draft.street).toBe('回龙观街道');
  });
});

describe('a name withheld', () => {
  it('asks no name after 我不想留名, said with the phone', () => {
    const state = absorb(emptyIntake({ description: '楼下有人打架', type: '求助' as const }), '18210002000 我不想留名 保密');
    expect(state.draft.nameSkipped).toBe(true);
    expect(state.draft.confidential).toBe(true);
    expect(state.draft.phone).toBe('18210002000');
    expect(missingSlot(state.draft)).not.toBe('name');
  });
});

describe('questions about the question', () => {
  const account = { description: '举报一个黑诊所 没有执照还给人打吊瓶', type: '举报' as const };

  it.each([
    ['为啥要电话 举报还要实名啊', 'phone', '回访'],
    ['这有啥区别吗？', 'type', '选最接近的'],
    ['你问这么多干嘛', 'address', '找到地方'],
  ] as const)('answers %s with why the %s is asked, and counts no failure', (text, slot, reason) => {
    const asked = { ...emptyIntake(account), asking: slot, failures: 1 };
    const state = absorb(asked, text);
    expect(state.problem).toBe('asks_why');
    expect(state.failures).toBe(1);
    expect(nextQuestion({ ...state, draft: { ...state.draft, type: slot === 'type' ? undefined : state.draft.type } }).reply.text).toContain(reason);
  });

  it('promises confidentiality when asked for it while the phone is asked, and again when asked again', () => {
    const asked = { ...emptyIntake(account), asking: 'phone' as const };
    const once = absorb(asked, '能保密吗');
    expect(once.draft.confidential).toBe(true);
    expect(once.acks.join('')).toContain('会为您保密');
    const twice = absorb({ ...once, acks: [] }, '你先告诉我能不能保密 不能保密我不说');
    expect(twice.acks.join('')).toContain('会为您保密');
    expect(twice.problem).toBeUndefined();
  });
});

describe('a case for a district department', () => {
  it('needs no street: 朝阳医院 in 朝阳区 is enough to send it to the district health commission', () => {
    const state = absorb(emptyIntake(), '朝阳医院急诊那个大夫态度太差了 我爸疼成那样还让等了三个小时');
    expect(state.draft.district).toBe('朝阳区');
    expect(state.draft.street).toBeUndefined();
    expect(hasPlace(state.draft)).toBe(true);
    expect(readBack(state).reply.text).toContain('卫生健康委员会');
  });
});

describe('a correction said as what it is not', () => {
  const draft = {
    description: '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理',
    type: '投诉' as const,
    district: '朝阳区',
    districtCode: '110105',
    street: '望京街道',
    streetCode: '110105026',
    address: '花家地北里3号楼',
    phone: '13811112222',
    name: '王',
    confidential: false,
  };
  const atReadBack = () => ({ ...emptyIntake(draft), asking: 'change' as const });

  it.each([
    ['不是3号楼 是5号楼', '花家地北里5号楼'],
    ['地址错了 是5号楼 不是3号楼', '花家地北里5号楼'],
    ['地址改成5号楼', '花家地北里5号楼'],
    ['不是花家地北里 是花家地西里', '花家地西里3号楼'],
  ])('%s changes the address to %s and keeps the account', (text, address) => {
    const state = absorb(atReadBack(), text);
    expect(state.draft.address).toBe(address);
    expect(state.draft.description).toBe(draft.description);
  });

  it('reads 不对不对 不是3号楼 是13号楼 as the correction, never as more of the account', () => {
    const state = absorb(atReadBack(), '不对不对 不是3号楼 是13号楼');
    expect(state.draft.address).toBe('花家地北里13号楼');
    expect(state.draft.description).toBe(draft.description);
    expect(absorb(atReadBack(), '内容最后那句不要了 那是我改地址的').draft.description).toBe(draft.description);
  });

  it('reads 地点是… 不是… at the read-back as the address corrected inside the old one', () => {
    expect(absorb(atReadBack(), '地点是3号楼对面那个门 不是3号楼').draft.address).toBe('花家地北里3号楼对面的门');
  });

  it('takes the number it is, not the one it is not', () => {
    const state = absorb(atReadBack(), '不是138 是13911112222');
    expect(state.draft.phone).toBe('13911112222');
    expect(state.draft.description).toBe(draft.description);
  });
});

describe('more of the account, told while something else is asked', () => {
  const account = { description: '楼上装修天天电钻 吵死了', type: '投诉' as const };

  it('keeps it with the account and asks the same question again', () => {
    const state = absorb({ ...emptyIntake(account), asking: 'phone' as const }, '每天半夜两点还在吵 已经三天了');
    expect(state.draft.description).toBe('楼上装修天天电钻 吵死了；每天半夜两点还在吵 已经三天了');
    expect(state.acks).toContain('好的，补充的情况记下了。');
    expect(state.problem).toBeUndefined();
  });

  it('takes 内容补充一下 at the read-back as more of it', () => {
    const state = absorb({ ...emptyIntake(account), asking: 'change' as const }, '内容补充一下：物业说管不了');
    expect(state.draft.description).toBe('楼上装修天天电钻 吵死了；物业说管不了');
  });

  it('never takes a short answer or a refusal for more of it', () => {
    expect(absorb({ ...emptyIntake(account), asking: 'phone' as const }, '不想留电话').draft.description).toBe(account.description);
    expect(absorb({ ...emptyIntake(account), asking: 'category' as const }, '都不太像吧我也说不好').draft.description).toBe(account.description);
  });
});

describe('a case for a fixed unit', () => {
  it('asks no street for a taxi complaint, which goes to the city body whatever the place', () => {
    const state = absorb(emptyIntake(), '在首都机场T3打了个出租车到望京 司机故意绕路 多收了我五十多');
    expect(state.candidates).toBeUndefined();
    expect(hasPlace(state.draft)).toBe(true);
    const nowhere = absorb(emptyIntake(), '打了个出租 司机一路上抽烟 还故意绕远');
    expect(hasPlace(nowhere.draft)).toBe(true);
  });

  it('still asks where for a utility, which sends a crew there', () => {
    const outage = absorb(emptyIntake(), '家里停电了一整天了');
    expect(hasPlace(outage.draft)).toBe(false);
  });
});

describe('picking a field to change', () => {
  it('knows a field by the read-back\'s word or its other names (内容, 地址, 手机号)', () => {
    const state = { ...emptyIntake({ description: '井盖没了', type: '投诉' as const, address: '3号楼', phone: '13811112222' }), asking: 'change' as const };
    expect(forgetSlot(state, '内容')?.draft.description).toBeUndefined();
    expect(forgetSlot(state, '改地址')?.draft.address).toBeUndefined();
    expect(forgetSlot(state, '手机号')?.draft.phone).toBeUndefined();
  });
});

describe('a category answered in a few words', () => {
  it('picks the one option the answer starts like (消防吧 太危险了 → 消防安全)', () => {
    const options = [
      { label: '消防安全', value: 'C13.08.009' },
      { label: '城乡建设', value: 'C01' },
      { label: '都不是', value: 'other' },
    ];
    const asked = { ...emptyIntake({ description: '楼道里堆满了杂物 还有人推电动车上楼充电', type: '投诉' as const }), asking: 'category' as const, options };
    expect(absorb(asked, '消防吧 太危险了 万一着火呢').draft.categoryId).toBe('C13.08.009');
  });
});

describe('how long it will take', () => {
  const draft = { description: '路灯坏了', type: '投诉' as const, categoryId: undefined };

  it('answers 你们多久能给修好 with the deadline of the case, and not 好几天了', () => {
    expect(howLongAnswer(draft, '你们多久能给修好')).toContain('内会联系您');
    expect(howLongAnswer(draft, '什么时候能来人修')).toBeDefined();
    expect(howLongAnswer(draft, '已经好几天了')).toBeUndefined();
    expect(howLongAnswer(draft, '都多久了还不修')).toBeUndefined();
  });
});

describe('asked which street', () => {
  const asked = () => {
    const placed = absorb(emptyIntake(), '老板拖欠工资 公司在亦庄 叫鑫达装饰');
    return { ...placed, asking: 'street_choice' as const };
  };

  it('keeps more of the account told instead, and says why it asks when asked', () => {
    const state = asked();
    expect(state.candidates?.length).toBeGreaterThan(1);
    const more = absorb(state, '我们一共十几个工人 我一个人就被欠了两万多');
    expect(more.draft.description).toContain('被欠了两万多');
    expect(more.draft.address ?? '').not.toContain('工人');
    const why = absorb(state, '这有啥区别');
    expect(why.problem).toBe('asks_why');
    expect(nextQuestion(why).reply.text).toContain('管这一片');
  });
});

describe('an answer to the category question that tells what happened', () => {
  it('keeps it in the account and reads the category from the whole account', () => {
    const asked = { ...emptyIntake({ description: '我想反映个事儿 关于我们单位的', type: '投诉' as const }), asking: 'category' as const };
    const state = absorb(asked, '都不是 单位不给我们交社保 交了三年了都是按最低的交');
    expect(state.draft.description).toContain('单位不给我们交社保');
    expect(categoryTree().path(state.draft.categoryId ?? '').map((n) => n.name)[0]).toBe('劳动和社会保障');
  });

  it('takes 补充一下：物业也不管 at the read-back, however short', () => {
    const state = absorb({ ...emptyIntake({ description: '楼道灯坏了', type: '投诉' as const }), asking: 'change' as const }, '补充一下：物业也不管');
    expect(state.draft.description).toBe('楼道灯坏了；物业也不管');
  });
});

describe('personal data never joins the account', () => {
  it('keeps the name and a spelled phone out of the description when told at the category question', () => {
    const asked = { ...emptyIntake({ description: '小区里能不能多装几个电动车充电桩', type: '建议' as const }), asking: 'category' as const };
    const state = absorb(asked, '我叫叶建国 电话幺三六 零零零零 幺二三四 白天不方便接');
    expect(state.draft.description).not.toContain('叶建国');
    expect(state.draft.description).not.toContain('幺三六');
    expect(state.draft.phone).toBe('13600001234');
  });
});

describe('the kind filed without asking', () => {
  it('is never 投诉 for praise said loosely, and 不是投诉 with a kind said changes it', () => {
    const praise = absorb(emptyIntake(), '我们社区新开的老年食堂饭菜真不赖 十几块钱两荤一素 老人们都爱去');
    expect(praise.draft.type).not.toBe('投诉');
    const guessed = absorb(emptyIntake(), '楼下的路灯坏了好几天了 晚上黑乎乎的');
    expect(guessed.draft.type).toBe('投诉');
    expect(guessed.draft.typeGuessed).toBe(true);
    const changed = absorb({ ...guessed, asking: 'change' as const }, '我这是夸他们呢 不是投诉');
    expect(changed.draft.type).toBe('表扬');
  });
});

describe('corrections of the building or the estate at the read-back', () => {
  const draft = { description: '楼道灯坏了', type: '投诉' as const, district: '怀柔区', districtCode: '110116', street: '龙山街道', streetCode: '110116002', address: '富乐小区 5号楼', phone: '15811112222', name: '唐', confidential: false };
  const atReadBack = () => ({ ...emptyIntake(draft), asking: 'change' as const });

  it.each([
    ['楼号不对 是15号楼', '富乐小区 15号楼'],
    ['5号楼写错了 应该是6号楼', '富乐小区 6号楼'],
    ['小区名字错了 是富乐北里', '富乐北里 5号楼'],
  ])('%s → %s', (text, address) => {
    const state = absorb(atReadBack(), text);
    expect(state.draft.address).toBe(address);
    expect(state.draft.description).toBe('楼道灯坏了');
  });

  it('takes 哦不对 是5号楼门口 while the phone is asked as a correction of the building', () => {
    const asked = { ...emptyIntake({ ...draft, address: '静淑苑小区 3号楼门口', phone: undefined }), asking: 'phone' as const };
    expect(absorb(asked, '哦不对 是5号楼门口').draft.address).toBe('静淑苑小区 5号楼门口');
  });
});

describe('a first level said in words', () => {
  it('takes 类别不对 是学校的事 应该找教委 as the education category', () => {
    const state = absorb({ ...emptyIntake({ description: '孩子在学校被同学欺负了 老师也不管', type: '投诉' as const }), asking: 'change' as const }, '类别不对 是学校的事 应该找教委');
    expect(categoryTree().path(state.draft.categoryId ?? '').map((n) => n.name)[0]).toBe('教育文体');
  });
});
