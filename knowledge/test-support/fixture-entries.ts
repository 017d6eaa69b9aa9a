/**
 * Entries the team wrote for tests: short, plausible and deliberately small. They are not the base and
 * are not to be read as current policy.
 */
export interface FixtureFields {
  id: string;
  title: string;
  questions: string[];
  category?: string;
  answer: string;
  detail?: string;
  effectiveTo?: string | null;
  reviewDue?: string;
  extra?: string;
}

export function entryMarkdown(f: FixtureFields): string {
  return [
    '---',
    `id: ${f.id}`,
    `title: ${f.title}`,
    'questions:',
    ...f.questions.map((q) => `  - ${q}`),
    `category: ${f.category ?? '劳动和社会保障'}`,
    'source:',
    '  name: 测试用政策说明',
    '  date: 2024-03-01',
    'effective_from: 2024-03-01',
    `effective_to: ${f.effectiveTo ?? 'null'}`,
    'owner: 测试单位',
    `review_due: ${f.reviewDue ?? '2027-03-01'}`,
    'regions: [北京市]',
    ...(f.extra ? [f.extra] : []),
    '---',
    f.answer,
    ...(f.detail ? ['', '## 详细说明', f.detail] : []),
    '',
  ].join('\n');
}

export const FIXTURES: FixtureFields[] = [
  {
    id: 'social-security-card-replace',
    title: '社保卡丢了怎么补办',
    questions: ['社保卡丢了怎么办', '社会保障卡补办要带什么', '社保卡坏了能换新的吗'],
    answer: '社保卡丢失后先打电话挂失，再带身份证到任一社保卡服务网点或合作银行网点申请补办，也可以在手机上线上申请，新卡做好后寄到家。',
    detail: '补卡期间看病可以用医保电子凭证。',
  },
  {
    id: 'heating-season-dates',
    title: '北京什么时候开始供暖',
    questions: ['北京几号来暖气', '供暖季是哪几个月', '今年什么时候开始集中供暖'],
    category: '城乡建设',
    answer: '北京的法定供暖期一般是每年11月15日到次年3月15日，遇到天气提前变冷时会视情况提前供热。室内温度不应低于18摄氏度。',
  },
  {
    id: 'housing-fund-rent',
    title: '公积金能付房租吗',
    questions: ['租房可以提取公积金吗', '住房公积金怎么提取交房租', '公积金付房租'],
    answer: '在北京租房且本人及配偶在京没有自有住房的，可以按月或按季度提取住房公积金支付房租，在住房公积金的手机应用或网站上办理即可。',
  },
  {
    id: 'medical-insurance-out-of-town',
    title: '异地就医怎么备案',
    questions: ['在外地看病医保能报销吗', '医疗保险异地就医备案怎么办', '去外地住院要备案吗'],
    category: '卫生计生',
    answer: '需要在外地看病的参保人可以先在国家医保服务平台或北京医保的手机应用上办理异地就医备案，备案后在当地的定点医院看病可以直接结算。',
  },
  {
    id: 'newborn-hukou',
    title: '新生儿怎么上户口',
    questions: ['孩子出生了怎么落户', '新生儿户籍登记要什么材料', '宝宝上户口去哪里办'],
    category: '综合',
    answer: '孩子出生后一个月内，由父母一方带出生医学证明、父母的户口簿和身份证、结婚证，到户口所在地派出所办理出生登记。',
  },
  {
    id: 'construction-noise-hours',
    title: '工地夜里施工噪音怎么办',
    questions: ['工地晚上施工太吵', '夜间施工噪音投诉', '半夜还在施工可以举报吗'],
    category: '环境保护',
    answer: '晚上10点到次日早上6点之间，除抢修抢险等特殊情况外，工地不得进行产生噪声的施工。遇到夜间施工扰民，可以拨打12345反映，我们会转给属地和主管部门处理。',
  },
  {
    id: 'id-card-renew',
    title: '身份证到期怎么换领',
    questions: ['身份证过期了怎么换', '居民身份证换证去哪办', '身份证快到期了'],
    category: '综合',
    answer: '身份证有效期满前三个月就可以换领，带上旧证到任一户籍业务窗口拍照、采集指纹办理，异地也能办。',
  },
];
