/**
 * How the citizen wants to be addressed: 王先生, 李女士, 王小明, kept as they said it (a surname alone for
 * 我姓王). Only explicit introductions (我姓王, 我叫王小明, 称呼是王先生, 我是李女士) and a titled name
 * next to the phone number count unless the bot has just asked for a name, because a complaint mentions
 * plenty of other people (王师傅, 李经理) who are not the caller.
 */
import { localFold, normaliseForMatching } from './fold.ts';

export interface NameSpan {
  name: string;
  /** The whole introduction (我叫王小明), so it can be cut out of the description. */
  start: number;
  end: number;
}

export interface FindNameOptions {
  expectingName?: boolean;
  /** The bot has just read the case back: a reply that is only a titled name (王先生) corrects the name. */
  readingBack?: boolean;
}

// The most common single-character surnames (about 95% of people) and the compound ones still in use.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢' +
  '姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温' +
  '康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成' +
  '苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费' +
  '卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝萧';
// Surnames in traditional characters that the shared fold (fold.ts) leaves alone, folded here only: the
// fold feeds the kind model too, which would have to be retrained for every character added there.
const foldSurnames = localFold('吳吴鄭郑許许鄧邓蔣蒋呂吕譚谭賈贾韋韦鄒邹閆闫賀贺顧顾龔龚齊齐喬乔顏颜聶聂歐欧蘭兰畢毕塗涂駱骆藍蓝鮑鲍饒饶農农繆缪簡简項项蘆芦婁娄黨党宮宫閔闵欒栾叢丛鞏巩鄺邝蕭萧諸诸');
const COMPOUND_SURNAMES = '欧阳|司马|诸葛|上官|东方|皇甫|慕容|令狐|夏侯|尉迟|公孙|长孙|宇文|司徒|端木|南宫|西门';
const SURNAME = `(?:${COMPOUND_SURNAMES}|[${SURNAMES}])`;
const TITLE = '(?:先生|女士|小姐|老师|阿姨|大爷|大妈|大姐|大哥)';
// Characters that cannot be part of a given name here: they start the rest of the sentence.
const GIVEN = '(?:(?![住在是的了我你他她家电话手机号今年岁姓叫来去过要想和跟说])[\\u4e00-\\u9fff])';
// Where a name ends: end of text, punctuation, or the usual words that follow an introduction.
const AFTER_NAME = '(?=$|[\\s\\p{P}\\p{S}]|电话|手机|联系|住|家住|在|今年|是|的)';

const INTRODUCTIONS: RegExp[] = [
  // 叫我王先生 / 叫我小王
  new RegExp(`叫我((?:小|老)${SURNAME}|${SURNAME}${TITLE})`, 'u'),
  // 我叫王小明 / 我的名字是王小明 / 本人王小明
  new RegExp(`(?:[我俺]叫|[我俺]的名字(?:是|叫)|名字(?:是|叫)|本人)(${SURNAME}${GIVEN}{1,2})${AFTER_NAME}`, 'u'),
  // 我是李女士 / 我是3号楼的王先生
  new RegExp(`[我俺]是(?:[^，,。！!？?]{0,12}的)?(${SURNAME}${TITLE})`, 'u'),
  // 联系人：李女士 / 联系人王小明
  new RegExp(`联系人[:：]?\\s*(${SURNAME}${TITLE}|${SURNAME}${GIVEN}{1,2}${AFTER_NAME})`, 'u'),
  // 称呼是王先生 / 称呼改成李女士 / 姓名：王小明: what the read-back calls 称呼, named as such.
  new RegExp(
    `(?:称呼|姓名)(?:我)?(?:是|为|叫|写|改成|改为|换成|写成)?[:：]?\\s*((?:小|老)${SURNAME}|${SURNAME}${TITLE}|${SURNAME}${GIVEN}{1,2}${AFTER_NAME}|${SURNAME}${AFTER_NAME})`,
    'u',
  ),
  // 王先生，13811112222 / 王先生 电话…: a titled name given with the phone number is the caller's.
  new RegExp(`(?<![\\u4e00-\\u9fff])(${SURNAME}${TITLE})(?=[\\s，,、:：]*(?:电话|手机|联系|\\+?86|1[3-9]\\d|0\\d{2,3}|[4-9]\\d{3}))`, 'u'),
  // 18500001111 王女士 / 13612345678，老杨: the same, after the number. Only a title or 老/小 says it is
  // how to address the caller (12345 张经理 is someone the citizen talked to), and only as the last word.
  new RegExp(`(?<=\\d{7}[\\s，,、:：]*)((?:小|老)${SURNAME}|${SURNAME}${TITLE})(?=$|[\\s\\p{P}\\p{S}])`, 'u'),
  // 18600001111 王: a surname alone as the very last word after the number is how to address the caller.
  new RegExp(`(?<=\\d{7}[\\s，,、:：]*)(${SURNAME})$`, 'u'),
];
// 我姓王 / 免贵姓欧阳 / 姓王，王先生: the surname alone, with a title only when one is said with it.
// The prefix is required: 老百姓关心的事 is not a surname.
// (姓刘的, 姓刘那家: someone else, not the caller.)
const SURNAME_ONLY = new RegExp(`(?:(?:我|俺|本人)(?:免贵)?|免贵|^|(?<=[\\s\\p{P}]))姓(${SURNAME})(${TITLE})?(?![的那家])`, 'u');
const TITLED_NAME = new RegExp(`${SURNAME}${TITLE}`, 'u');
// A reply that is only a name, when the bot asked for one: 王小明 / 王先生 / 小王 / 陈. 成 alone is "OK".
const BARE_NAME = new RegExp(`^(?:我是|是)?((?:小|老)${SURNAME}|${SURNAME}${TITLE}|${SURNAME}${GIVEN}{1,2}|(?!成)${SURNAME})$`, 'u');

const TITLED_ALONE = new RegExp(`^(?:我是|是|叫我|称呼)?(${SURNAME}${TITLE})(?:吧|啊|哈)?$`, 'u');


export function locateNameIn(original: string, opts: FindNameOptions = {}): NameSpan | undefined {
  const text = foldSurnames(original);
  for (const pattern of INTRODUCTIONS) {
    const m = pattern.exec(text);
    if (m?.[1]) return { name: m[1], start: m.index, end: m.index + m[0].length };
  }
  const surname = SURNAME_ONLY.exec(text);
  if (surname?.[1]) {
    const end = surname.index + surname[0].length;
    if (surname[2]) return { name: surname[1] + surname[2], start: surname.index, end };
    // 姓何 女的 / 姓张 男的: a title said plainly.
    const sex = /^[\s，,、]*(?:是)?(女的|男的|女|男)(?=$|[\s\p{P}])/u.exec(text.slice(end));
    if (sex?.[1]) return { name: surname[1] + (sex[1].startsWith('女') ? '女士' : '先生'), start: surname.index, end: end + sex[0].length };
    // 姓李 李女士 / 我姓王，王先生: the title said just after is how they want to be addressed.
    const titled = new RegExp(`^[\\s，,、]*(?:是)?${surname[1]}(${TITLE})`, 'u').exec(text.slice(end));
    if (titled?.[1]) return { name: surname[1] + titled[1], start: surname.index, end: end + titled[0].length };
    return { name: surname[1], start: surname.index, end };
  }
  const core = text.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
  // At the read-back a reply that is only a titled name (王先生, 是李女士) corrects the name. (Elsewhere it
  // may be someone else: 李老师 answering "whom do you want to praise?"; and 小王 or a bare 王小明 could be
  // other words: 老师, 明白.)
  const titledAlone = opts.readingBack ? TITLED_ALONE.exec(core) : null;
  if (titledAlone?.[1]) {
    const start = text.indexOf(core);
    return { name: titledAlone[1], start, end: start + core.length };
  }
  if (!opts.expectingName) return undefined;
  const bare = BARE_NAME.exec(core);
  if (bare?.[1]) {
    const start = text.indexOf(core);
    return { name: bare[1], start, end: start + core.length };
  }
  // 王先生，138…: a titled name anywhere in the reply.
  const titled = TITLED_NAME.exec(text);
  return titled ? { name: titled[0], start: titled.index, end: titled.index + titled[0].length } : undefined;
}

/** The name the citizen gave, if any. */
export function findName(text: string, opts: FindNameOptions = {}): string | undefined {
  return locateNameIn(normaliseForMatching(text), opts)?.name;
}
