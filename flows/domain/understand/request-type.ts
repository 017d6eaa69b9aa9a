/**
 * The kind of request (诉求类型) a citizen makes, the way a 12345 dispatcher would file it.
 *
 * Rules, in tiers: the first tier with a cue decides. A tier's place in the order settles the mixed
 * messages: thanks for a repair beats the grievance it mentions (表扬), a plea for help beats the
 * grievance behind it (求助), a named wrongdoing beats the nuisance it causes (举报), and a question
 * about one's own problem is a complaint or a plea, never a consultation: only questions about rules,
 * procedures and policies are 咨询. The last tiers are guesses from weak signals (a question mark, a
 * duration, a thank-you): they are returned with `confident: false`, and intake asks instead.
 */
import type { RequestType } from '../case-draft.ts';
import { normaliseForMatching } from './fold.ts';
import { guessLongMessageKind } from './request-kind-long-model.ts';
import { guessRequestKind } from './request-kind-model.ts';

export const REQUEST_KINDS = ['咨询', '投诉', '求助', '建议', '举报', '表扬'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface KindFinding {
  kind: RequestKind;
  /** False for a guess from a weak signal; intake then asks rather than assumes. */
  confident: boolean;
  /** Which rule decided, e.g. 'explicit', 'praise', 'plea', 'report', 'grievance' (for tests and logs). */
  rule: KindRule;
  /** The words that decided, in normalised text. */
  cue: string;
}

export type KindRule =
  | 'explicit'
  | 'praise'
  | 'plea'
  | 'report'
  | 'grievance'
  | 'asks-for-help'
  | 'suggestion'
  | 'procedure'
  | 'what-to-do'
  | 'need'
  | 'weak-report'
  | 'weak-grievance'
  | 'question'
  | 'thanks'
  /** The n-gram model (no rule, or only a weak one it is sure is wrong): never confident. */
  | 'model'
  /** A long message: the model trained on real letters decides; confident only when sure. */
  | 'long-message';

const KIND_WORDS = /举报|检举|揭发|投诉|建议|表扬|表彰|求助|咨询/g;
// Other words for a kind: 检举 and 揭发 are reports, 表彰 is praise.
const SYNONYMS: Record<string, RequestKind> = { 检举: '举报', 揭发: '举报', 表彰: '表扬' };
const NEGATED_BEFORE = /(?:不是|不想|不要|不用|没有|不)$/;
// The kind said with an intent (我要投诉, 实名举报, 举报：…) settles it before anything else.
const INTENT_BEFORE = /(?:要|想|来|实名|匿名|特此|正式|再次|我|提个|有个小?|提点|几点|一个|一点)(?:一下)?$/;
const INTENT_AFTER = /^(?:一下)?[:：]/;
const LEADING_GREETING = /^(?:你好|您好|喂|hi|hello|在吗)?[\s，,。！!、]*$/i;

// ─── 表扬 ──────────────────────────────────────────────────────────────────────────────────────────
// People and units a citizen thanks. Generic enough to include 公司 or 局: thanks to a unit is praise too.
const WORKER =
  '(?:师傅|工作人员|同志|社区|街道|居委会|村委会|物业|民警|警察|警官|交警|辅警|消防|老师|班主任|医生|大夫|护士|医护|司机|保安|保洁|网格员|书记|主任|队长|城管|环卫|志愿者|领导|小哥|大姐|阿姨|队员|人员|热线|12345|公司|供电|自来水|燃气|热力|政府|派出所|医院|中心|窗口|局|所|站|小姑娘|小伙子)';
const THANKS = '(?:感谢|谢谢|多谢|感激|致谢)';
// Done, and done well: what a thank-you is about.
const DONE =
  '(?<![没未不])(?:修好了|解决了|处理好了|处理了|办好了|办下来了|申请下来了|要回来了|要回了|找回了|找到了|送回|送到了|来水了|来电了|热了|清走了|扫干净了|干净多了|好多了|恢复了|弄好了|搞定了|(?:处理|解决|办|修)得(?:很|特别|非常|挺|真|太)?(?:好|及时|快|利索))';
const PRAISE_WORDS =
  /感动|给力|讲道理|有问必答|冒(?:雨|雪|着(?:大雨|大雪|严寒|酷暑|高温|寒风))|有耐心|有责任心|尽职尽责|认真负责|好样的|值得(?:表扬|学习)|为(?:老百姓|群众|居民|民)办实事|(?:很|特别|非常|十分|挺)及时|点赞|点个赞|赞一个|大大的赞|好评|锦旗|表扬信|特此(?:表扬|感谢)|夸夸|夸一下|夸一夸|想夸|暖心|(?:当面|真心|衷心|由衷|特别|十分|万分)(?:地)?(?:感谢|致谢)|辛苦(?:了|你们|您|啦)|(?:非常|很|特别|十分|挺|相当)满意|效率(?:很|太|特别|真|非常|好)?高|速度(?:很|太|特别|真|非常)快|做得(?:很|非常|特别|真|太)?好|态度(?:非常|很|特别|挺|真|超)好|(?:办理|处理|解决|办|修|来|赶来|到)得(?:很|特别|非常|挺|真|太|相当)(?:快|及时|好|利索|周到)|服务(?:态度)?(?:也|都)?(?:很|特别|非常|挺|真|超)好|(?:特别|很|非常|真|十分|太)(?:贴心|用心|热心|周到|细心|有耐心)|雪中送炭|及时雨|比亲(?:闺女|儿子|人)还亲|一点(?:怨言|不嫌烦|都不嫌烦)|没有(?:一点|任何)?怨言|抢救过来|(?:整治|改造|治理)(?:以后|之后|后)[^。]{0,16}(?:多了|好了|大变样)|(?:治安|环境|秩序|卫生)[^，,。]{0,4}(?:好多了|改善了|变好了)|大家都说好|(?:一直|全程)陪着?(?:我|我们|老人|孩子)/;
const THANKS_TO_WORKER = new RegExp(`${THANKS}[^。！!？?]{0,14}?${WORKER}`);
const THANKS_FOR_DONE = new RegExp(`${THANKS}[^。！!？?]{0,30}?${DONE}|${DONE}[^。？?]{0,20}?${THANKS}`);
const WORKER_PRAISED = new RegExp(
  `${WORKER}[^，,。！!？?]{0,6}?(?:人)?(?:很|特别|非常|真|挺|都很|超|十分|太)(?:好(?!意思|像|几|多|久)|棒|负责|耐心|热情|专业|认真|细心|给力|暖心|贴心|周到)`,
);
const CONTRAST = /但是|但|可是|不过|然而|却|就是/;

// ─── 求助 ──────────────────────────────────────────────────────────────────────────────────────────
// A plea: the citizen is stuck and asks for help, whatever grievance lies behind it.
const PLEA =
  /帮帮(?:忙|我|我们|他|她)?|帮个忙|求(?:求|你们|您|帮忙|帮助|救|救助)|救救|救命|求助(?!无门)|在线等|急死了|急急急|不知道(?:该|应该)?(?:怎么办|找谁|咋办|去哪|找哪|怎么(?:弄|处理))|该找谁|找谁帮忙|没地方住|无家可归|回不了家|出不了门|(?<!车[都也]?)出不去|下不来|扶不起来|爬不起来|照顾不过来|顾不过来|(?:家里|生活|经济)(?:上)?(?:实在|特别|非常|很)?困难|被困|困在|走丢|走失|(?:没人|无人)照顾|负担不起|看不起病|交不起|交不上|付不起|被(?:偷|抢|骗)了|被(?:人)?(?:冒用|冒名|盗用|盗刷|转走|拿错|拖走|偷走|骗走|拿走)|吃不上饭|急[！!]|控制不住|(?:人在外面|家门)进不去|进不去家|回不了(?:老)?家|回不去|(?:实在|真的)?没(?:有)?办法了|被[^，,。]{0,4}欺负|(?:腿|胳膊|身子|人)(?:都)?动不了|身边没人|害怕|快(?:告诉|帮|来人)|赶紧(?:来|帮)|成问题/;
// Asking someone to come and do something: help, unless a grievance says it is a complaint.
const ASKS_FOR_HELP = new RegExp(
  '(?:请|麻烦)[^，,。]{0,8}?帮(?:忙|我|我们|一下)(?!保密|匿名|反映|转达|登记|记录)|(?:能不能|能否|可不可以|可否|可以)(?:派|请|帮)|(?:谁|有没有人)(?:能|可以)(?:来|帮)|派(?:个)?(?:人|师傅)|(?:能不能|能否|可以|谁能|有没有人)[^，,。]{0,4}(?:找人|来人|安排人)|找(?:个)?人(?:帮忙|来|去)|帮忙(?:找|看|联系|疏通|修|申请|想想办法|问问|取|买|送|照顾|介绍|捞|拿|搬)|有没有(?:什么)?(?:帮扶|救助|护工|人能)|有没有[^，,。]{0,10}(?:可以|能)介绍|(?:能不能|能否)给(?:我们|我)?找|帮(?:我|我们)?找个',
);
const WHAT_TO_DO = /(?:该|应该|要)怎么(?:处理|弄|做)|有(?:什么|啥)办法|想想办法|怎么办(?!理)|咋办|咋整|怎么弄啊|(?<!爱)找谁(?![都也找])|怎么过|怎么活|(?:想|要|需要)申请[^，,。]{0,2}(?:救助|低保|帮扶|临时救助|护工|居家养老|养老服务|补助)/;

// Being stuck, lost or without means, said without asking: help, after the grievances.
const NEED =
  /(?:锁|关|困|卡)在[^，,。]{0,6}出不(?:来|去)|迷路|找不到[^，,。]{0,6}(?:路|家|酒店|住的地方)|不认识(?:字|路)|一分钱(?:都)?没有|身无分文|(?:实在)?照顾不(?:动|过来|了)|(?:需要|没)人照顾|想找(?:个)?人(?:陪|说说话|聊聊)|(?:家里|家庭|我们家)?条件(?:不好|差|困难)|(?:钱|费)(?:不够|差了)|差了好几万|凑不(?:齐|够)|撑不下去|活不下去|熬不下去|没地方(?:去|住|待)|冻得受不了|做不了饭|打不到车|不会(?:急救|弄|处理)|教教我|不敢(?:乱)?动|(?:房东|家里人|家人)[^，,。]{0,4}(?:在外地|不在|联系不上)|不知道[^，,。]{0,6}(?:哪里|哪儿|在哪|去哪)|急[！!。]*$/;

// ─── 举报 ──────────────────────────────────────────────────────────────────────────────────────────
// Someone else's wrongdoing, named as such.
const REPORT = new RegExp(
  [
    '偷倒|偷排|偷运|偷拉|偷偷|私自|擅自|私拉|飞线',
    '违规(?:搭|建|经营|收费|办学|补课|排|倒|施工|出租|改|占|开)|违法(?:建设|建筑|经营|行为|排)',
    '私搭乱建|私搭|乱搭乱建|违建|违章建筑|违章搭建|非法|无证|无照',
    '没有(?:任何)?(?:执照|营业执照|手续|资质|营运证|证件|许可证|经营许可)',
    '黑(?:诊所|车|中介|作坊|工厂|网吧|导游|加油站)|群租|隔断房|传销|赌(?:场|博|钱)|地沟油',
    '假(?:冒|货|药|酒|烟|证|发票|房源|币)|冒充|冒领|冒用|虚假(?:宣传|广告)|骗(?:税|保|取|补贴|定金|老人)',
    '偷税|漏税|逃税|吃空饷|受贿|行贿|贪污|挪用|收(?:受)?红包|收回扣|有证据|拍下来了',
    '(?:用|卖)[^，,。]{0,4}过期|过期[^，,。]{0,10}卖|三无|童工|(?:让|允许|招|雇|卖给|向)未成年人',
    '电鱼|炸鱼|盗采|盗伐|(?:卖|售|贩卖|捕|抓|杀)[^，,。]{0,4}野生动物|处方药(?:不要|不用|不需要|无需)处方',
    '(?:开|办)补习班|有偿补课|(?:自己|自家)(?:的)?亲戚|优亲厚友|(?:倒|拉|运|扔)(?:建筑垃圾|渣土)|渣土车',
    '吸毒|贩毒|卖淫|嫖娼|电诈|诈骗|倒卖|走私|盗窃|偷电|体罚|虐待|做假|造假|作假|弄虚作假|虚开|伪造|冒名顶替',
    '没有(?:任何)?[^，,。]{0,4}(?:资质|执照|许可证|预售证|营运证|手续|防护|安全措施)|无(?:证|照|资质|许可)',
    '私下(?:收|卖|交易|收费)|包过|收(?:好处|好处费)|走后门|吃回扣|卖[^，,。]{0,8}给(?:学生|未成年人|小孩|孩子|中小学生)',
    '改装[^，,。]{0,4}(?:车|超速|超标|配件)|(?:卖|售)[^，,。]{0,6}改装|车牌[^，,。]{0,4}(?:挡|遮|套|假)|套牌',
    '往[^，,。]{1,10}?(?:里|中|边)(?:偷偷|随意|私自)?(?:倒|排|泼|倾倒)(?![霉闭])|焚烧|露天烧|挖沙|采砂',
    '怀疑(?:是|在|他们|他|她)?[^，,。]{0,6}(?:搞|做|卖|诈|骗|赌|毒|传销|非法|违法)',
    '违规|违法|代考|替考|假门票|祖传秘方|能治(?:癌症|百病)|包治|打着[^，,。]{0,6}(?:名义|旗号)|(?:以|用)[^，,。]{0,6}名义',
    '圈(?:起来|占)|私占|占用(?:公共|耕地|绿地|集体)|扣押|强迫|上班时间[^，,。]{0,8}(?:在外|干私活|开|打牌|打麻将)|偷来的|赃物|没有(?:实名|登记)|隔夜(?:的)?菜',
    '收[^，,。]{0,8}红包|公款|公家的(?:车|钱|东西)|公车私用|私(?:人|自)账户|小金库|转移资产|宰客|勾兑|掺假|工业(?:酒精|盐|用)|秤[^，,。]{0,4}(?:有问题|不准|做了?手脚|动了?手脚)|鬼秤',
    '号贩子|倒号|黄牛|(?:低保|贫困户|补贴)[^。]{0,12}(?:豪车|有房|开车|亲戚|不符合)|(?:亲戚|家里人|自家人)[^。]{0,8}(?:低保|贫困户|补贴)|拉客|(?:隔|分)(?:成|出)[^，,。]{0,6}(?:小间|隔间|间)|租给[^，,。]{0,4}(?:几十|二十多|三十多|十几|好多|很多)个?人|住了(?:几十|二十多|三十多|十几)个?人',
    '(?:根本|都)?没(?:有)?(?:证|资格证|上岗证|健康证|从业资格)|我有[^，,。]{0,4}(?:车牌号?|证据|照片|视频|录音|聊天记录|截图)|亲眼(?:看见|看到)|卖土|挖了[^，,。]{0,4}卖|(?:医保|社保)(?:卡)?[^，,。]{0,8}(?:换成|套现|刷成|骗)',
    '有(?:视频|照片|录音|截图)|拍了(?:照片|视频)|改成了?(?:出租屋|宿舍|群租房?|隔断)|(?:开|办)(?:家庭旅馆|黑旅馆|日租房)',
  ].join('|'),
);

// ─── 投诉 ──────────────────────────────────────────────────────────────────────────────────────────
// Something that should not be, and someone who should have prevented it.
const PARTY =
  '(?:物业|房东|商家|老板|公司|单位|学校|老师|医院|街道|社区|居委会|主人|司机|平台|客服|店家|中介|开发商|卖家|厂家|业主)';
const GRIEVANCE = new RegExp(
  [
    '没人(?:管|处理|清理|清|理|修|收拾|来|接|问|回)',
    '(?:也|都|还|一直|根本|就是|从来|仍然|依然)(?:不|没)(?:管|理|处理|修|清|来|解决|给|退|赔|回复|回应|发|到)',
    `${PARTY}(?:也|都|根本|就是|还是)?不(?:管|理|处理|给|退|赔|修|解决|负责|承认|同意)`,
    '(?:都|也)不同意|不作为|不管不问|推诿|踢皮球|推来推去|敷衍|投诉无门|没人接|没(?:来|修|处理|解决)过|(?:还)?没(?:修好|解决|处理好)',
    '吵(?!着)|噪音|噪声|扰民|睡不着|睡不了|大声|乱(?:收费|扣费|扣|收|停|放|堆|贴|扔|倒|开通|涨)|多(?:收|扣|要)|收费不(?:透明|合理)',
    '拖欠|欠薪|欠(?:我们|我)?(?:的)?工资|不发工资|(?<!烧)(?:不|拒不|不肯|死活不)(?:给)?(?:退|赔|修|办|交|发|安排)|退不了|不能退|(?<!烧)不退|不赔|不提前通知',
    '态度(?:很|太|极|特别|非常)?(?:差|恶劣|蛮横|不好)|不耐烦|骂人|脏乱|太脏|脏死|恶臭|臭(?:死|气|味)|污染|油烟|苍蝇|蟑螂|老鼠',
    '偷工减料|坑(?:人|钱|死)|(?:太|这么|那么|真|特别|好)坑|(?:太|这么|那么|真|特别|也太)贵|贵(?:一倍|了一倍|得离谱|死了|了好多)',
    '欺骗|骗人|涨价|年年涨|又涨|越来越差|坐地起价|绕路|跑路|不按(?:点|时)|(?:合理|公平)吗|不合理|凭什么|这待遇|太过分|过分了',
    '(?:半夜|深夜|凌晨|大半夜|夜里)[^，,。]{0,6}(?:装修|施工|电钻|打钻|砸墙|唱歌|放音乐|喝酒|吆喝)',
    '缺斤短两|短斤少两|以次充好|(?:要|退|拿|讨)不回来|一直拖|拖着不|推脱|拖延|不停车|拒载|甩客|不打表|达不到|不达标|不合格',
    '没法(?:睡|住|过|开窗|休息|出门|走)|睡不好|休息不好|影响(?:休息|睡眠|生活|出行|通行)|(?:唱|闹|吵|响|叫|放|干)到(?:凌晨|半夜|深夜|夜里)|震得|都在震',
    '又(?:贵|难吃|难闻|脏|臭|乱|差|慢)|(?:太|很|特别)(?:难吃|难闻|难听)|味儿?(?:太|很|特别|也太)大|全是(?:泥|垃圾|坑)|到处是',
    '没提前(?:通知|贴|告知|说)|不通知|也不说一声|停工|烂尾|(?:修|干)了一半|说话(?:很|太|特别)?(?:难听|冲)|爱找谁找谁|爱管不管',
    '往(?:楼)?下扔|高空抛物|扔烟头|(?:都|也)(?:进|出)不来|推不出来|(?:堵|挡|占)[^，,。]{0,3}(?:门口|通道|路口|楼道|出口)|翻倍|涨了一倍',
    '才(?:来|修|管|扫|收)一次|都是灰|白跑|到(?:后半夜|半夜|凌晨|深夜)还在',
    '(?:咣|哐|咚|轰|嗡|叮|砰|噔|突|哒)(?:咣|哐|咚|轰|嗡|叮|砰|噔|突|哒)|绕(?:了)?(?:一大圈|好远|很远|老远|一圈|远)|(?:要|得)走(?:好远|很远|老远)|(?:很|特别|太|非常)不方便|黑灯瞎火|大吼大叫|(?:直线|明显|大幅)下降|(?:越来越|一直往上)(?:少|贵|涨|调|差)|赶下车|开走了|(?:扣|收)了?(?:我)?(?:全程|押金|[一二三四五六七八九十两几\\d]+(?:块|元|毛))|正对着(?:我家|我们家|窗户|卧室|阳台)|卖给(?:了)?外人|焊死|压着[^，,。]{0,4}不给|超时就收费|(?:费|账单)[^，,。]{0,3}怎么(?:这么|那么)?(?:高|多|贵|[一二三四五六七八九十两几百千\\d])|(?:倒|泼|扔|堆|放)在(?:马路|路|门口|楼道|过道|人行道)(?:上|边)|关门了[^。]{0,10}(?:还有|没用完|没退)',
    '有没有人管|三天两头|(?:又|老|总)(?:坏|停)了|又坏|(?:还|也|一直|都|根本)不热|违约|霸王条款|强制消费|收了钱就|就知道收钱|占道|堵(?:着|住)(?:门|路|通道)',
  ].join('|'),
);

// ─── 建议 ──────────────────────────────────────────────────────────────────────────────────────────
const PROPOSAL_VERB =
  '(?:多(?:组织|开展|举办|搞|办)|组织|开展|举办|划(?:定|设|停车|区域)|统一(?:划|设|规划|安排)|种(?:点|些|几|上|树|花)|多种|画(?:个|几|一|上)|铺(?:设|个|上)|挂(?:个|几|一)|加(?:装|个|几|一|设|派|大|宽|密)|增(?:加|设|开|派)|装(?:个|一|上|些|几)|安装|设(?:个|置|立|一)|建(?:个|一|几|些|设|立)|修(?:个|一|建)|开通|开设|开(?:个|几|一)|延长|调(?:高|低|整)|改(?:成|为|造)|换成|放(?:个|几|一|些|到)|配(?:个|备|一|上)|划(?:出|个|一)|投放|开放|规划|支持|提供|开辟|辟出|腾出|建设|搞(?:个|一|几|些)|弄(?:个|一|几|些|上)|整(?:个|一)|设立|增建|拓宽|加宽|调长|调短|做得|做成|放在|改到|挪到|推广|普及|公示|公开|恢复|绿化|美化|优化|完善|简化)';
const PROPOSAL_QUESTION = new RegExp(`(?:能不能|能否|可不可以|可否|是否可以)(?:在|把|给|将|让|为)?[^，,。？?！!]{0,14}?${PROPOSAL_VERB}`);
const SUGGESTION = new RegExp(
  [
    '希望(?![^，,。！!？?]{0,12}(?:解决|处理|尽快|督促|查处|管管|严惩|说法|答复|回复|赔偿|退))',
    '提(?:个|点|一点|几点)?(?:小)?(?:意见|建议)|最好(?:再|能|是|加|在|把|给|多|设|装|换|改)|(?:要是|如果)[^。？?]{0,30}(?:方便多了|好多了)|有个(?:小)?想法|我觉得(?:可以|应该|最好)|可以考虑|是不是可以|是否可以考虑|最好(?:能|是)|呼吁|倡议',
    '(?:如果|要是)[^。？?]{0,30}就好了|就好了[。！!~]*$',
    `(?:能不能|能否|可不可以|可否|是否可以|可以|应该|应当)(?:在|把|给|将|让|为)?[^，,。？?！!]{0,14}?${PROPOSAL_VERB}`,
    '(?:能不能|能否|可不可以|可以|应该|希望)[^，,。？?]{0,3}在[^，,。？?]{1,14}?(?:装|设|建|画|修|种|放|加|增|开|划|铺|挂|配|安)',
    '希望[^，,。]{0,14}能?(?:快|多|大|早|长|宽|亮|便宜|方便)一?(?:点|些)',
    `${PROPOSAL_VERB}[^，,。？?]{0,10}吧(?=[，,。！!]|$)`,
  ].join('|'),
);

// ─── 咨询 ──────────────────────────────────────────────────────────────────────────────────────────
// Questions about rules, procedures and policies: how, where, what it takes, when, how much.
const PROCEDURE = new RegExp(
  [
    '咨询',
    '(?:怎么|怎样|如何)(?:才能)?(?:办理|申请|申领|补办|续签|续办|报销|办(?![啊呀呢吧了，,。？?！!\\s~]|$)|弄(?![啊呀呢吧，,。？?！!\\s~]|$)|交|缴|算|领|开|登记|预约|查|提取|备案|注销|转|迁|落户|考|报名|充值|认定|鉴定|续)',
    '(?:需要|要)(?:准备|带|提供|交|保存|保留|留)?(?:好)?(?:哪些|什么)(?:材料|手续|证件|证明|资料|东西|单据|票据|发票)?|带什么|哪些(?:材料|手续|证明|条件|税)',
    '(?:在|去|到)?哪(?:里|儿)?(?:可以|能)?(?:办|交|补|充值|申请|领|买|开|登记|查|打|换|考)',
    '哪个(?:窗口|部门|单位|网站|平台|科室)|条件是什么|(?:申请|领取|报名|享受)条件|什么条件|流程|手续|有(?:什么|没有)?规定|规定吗|政策|标准|补贴|津贴',
    '多少钱|是多少|多长时间|多久|几(?:年|天|个月|岁)(?:能|可以|才)|什么时候(?:开始|发|报名|公布|上班|截止|办|交|缴|领)|啥时候(?:开始|发|报名|截止|办|交|缴|领)|上班吗|算不算|谁定的|有没有上限',
    '(?:能|可以)(?:直接)?(?:结算|报销|领|办|补交|补|换|续|年审|提取|迁|转|落户|办理|异地)[^，,。]{0,4}吗|(?:需要|要|用)(?:去)?[^，,。]{0,6}(?:登记|预约|备案|办)(?:吗|不)|要预约不|能办不',
    // A paper, card or scheme, then "how do I do it": 异地就医备案怎么弄, 居住证咋办.
    '(?:备案|手续|证件|证|卡|医保|社保|公积金|户口|签证|护照|驾照|补贴|退税|个税|发票|停车证|出入证)(?:要|该|应该|需要|得)?(?:怎么|咋|如何)(?:弄|办|搞|整|操作)',
    // Whether one may apply for something: 能不能申请居家养老服务.
    '(?:能不能|可不可以|可以不可以|能否|是否可以|是不是可以)(?:申请|办理|办|领取|领|享受|报销|报名|参加|补办|转|迁|落户)',
    // Which bin or kind of waste: 大骨头算厨余垃圾还是其他垃圾, 过期药扔哪个桶.
    '(?:算|属于|是)[^，,。！!？?]{0,8}还是[^，,。！!？?]{0,8}(?:垃圾|桶)|(?:什么|哪类|哪种|哪一类)垃圾|扔(?:到|进|在)?哪(?:个|种|类)?(?:桶|垃圾桶)',
  ].join('|'),
);
// A concrete problem of one's own: asking about it is urging or pleading, not consulting.
const PROBLEM =
  /坏了|坏掉|不亮|不热|停水|停电|停气|漏水|堵了|堵死|没水|没电|没气|裂了|塌了|积水|发霉|返味|反味|异味|没人|不管|不给|丢了|被偷|被盗/;
// Someone else doing something, with no word for what is wrong: probably a report.
const SOMEONE_DOING =
  /(?:有人|有个人|有个|有家|有些人|某(?:个|家)?|那家)[^，,。]{0,12}?(?:偷|私|假|骗|卖|收|开|挖|占|圈|代|冒|倒|排|烧)/;
const WEAK_GRIEVANCE = new RegExp(
  [
    '(?:都|已经|快)?(?:好几|几|一|两|三|四|五|六|七|八|九|十|半|\\d+)(?:个)?(?:多)?(?:天|周|星期|礼拜|月|年|小时)(?:多)?了',
    '老是|总是|一直(?:没|不)|反复|多次|好几次|第[二三四五六七八九十\\d]+次',
    '(?:希望|请|要求|麻烦)[^，,。]{0,8}(?:尽快)?(?:解决|处理|管管|整改|查处|督促|说法|答复|回复)',
    '为什么|为啥|凭啥|怎么又|怎么还|还没(?:修|好|来|解决|处理)',
  ].join('|'),
);
const QUESTION =
  /[吗嘛么][？?。.!！~]*$|[？?]|吗[，,]|怎么|如何|哪里|哪儿|在哪|什么|啥|多少|几(?:年|天|个|岁|点|次|趟)|多久|多长|是否|能否|有没有|可不可以|能不能|要不要|是不是|算不算|行不行|[要能行可用]不[？?。]?$|请问|想问|问一下|问下|想了解|想知道|打听/;
const THANKS_ANYWHERE = new RegExp(THANKS);
const CONSEQUENCE = /(?:会|会不会)(?:怎么样|怎样|有什么(?:后果|影响)|被(?:罚|起诉|处罚|停)|影响)|有什么后果|后果是什么/;
const NEGATIVE_ACCOUNT = /不|没|太|坏|难|差|乱|拖|吵|脏|臭|漏|堵|停|缺|少|震|扔|烂|破|丢|骂|骗|坑|贵|慢/;

export function cjkLength(text: string): number {
  return text.replace(/[^\u4e00-\u9fff]/g, '').length;
}

function first(re: RegExp, text: string): string | undefined {
  return re.exec(text)?.[0];
}

function explicitKinds(text: string): Array<{ kind: RequestKind; intent: boolean }> {
  const found: Array<{ kind: RequestKind; intent: boolean }> = [];
  for (const m of text.matchAll(KIND_WORDS)) {
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    if (NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    const intent =
      INTENT_BEFORE.test(before) ||
      INTENT_AFTER.test(text.slice(m.index + m[0].length)) ||
      LEADING_GREETING.test(text.slice(0, m.index));
    found.push({ kind: SYNONYMS[m[0]] ?? (m[0] as RequestKind), intent });
  }
  return found;
}

/** Praise, unless a "but" turns it into a complaint (谢谢你们，但是问题还没解决). */
function praiseCue(text: string): string | undefined {
  for (const re of [PRAISE_WORDS, THANKS_TO_WORKER, THANKS_FOR_DONE, WORKER_PRAISED]) {
    const m = re.exec(text);
    if (!m) continue;
    const after = text.slice(m.index + m[0].length);
    const contrast = CONTRAST.exec(after);
    if (contrast && GRIEVANCE.test(after.slice(contrast.index))) return undefined;
    return m[0];
  }
  return undefined;
}

/** The kind of request in already-normalised text from the rules alone, with the rule that decided. */
export function classifyRequestKindByRulesIn(text: string): KindFinding | undefined {
  const found = (kind: RequestKind, rule: KindRule, cue: string, confident = true): KindFinding => ({
    kind,
    rule,
    cue,
    confident,
  });

  const explicit = explicitKinds(text).filter((e) => e.kind !== '咨询');
  const intended = explicit.find((e) => e.intent);
  if (intended) return found(intended.kind, 'explicit', intended.kind);

  const praise = praiseCue(text);
  if (praise) return found('表扬', 'praise', praise);

  const named = explicit[0];
  if (named) return found(named.kind, 'explicit', named.kind);

  let cue = first(PLEA, text);
  if (cue) return found('求助', 'plea', cue);
  // "What happens if I don't pay?" asks about a rule's consequences: a consultation, not a grievance.
  if ((cue = first(CONSEQUENCE, text)) && QUESTION.test(text)) return found('咨询', 'procedure', cue);
  if ((cue = first(REPORT, text))) return found('举报', 'report', cue);
  if ((cue = first(PROPOSAL_QUESTION, text))) return found('建议', 'suggestion', cue);
  if ((cue = first(GRIEVANCE, text))) return found('投诉', 'grievance', cue);
  if ((cue = first(ASKS_FOR_HELP, text))) return found('求助', 'asks-for-help', cue);
  if ((cue = first(SUGGESTION, text))) return found('建议', 'suggestion', cue);
  if ((cue = first(PROCEDURE, text))) return found('咨询', 'procedure', cue);
  if ((cue = first(WHAT_TO_DO, text))) return found('求助', 'what-to-do', cue);
  if ((cue = first(NEED, text))) return found('求助', 'need', cue);

  // Weak signals from here on: a guess the caller should confirm.
  if ((cue = first(SOMEONE_DOING, text))) return found('举报', 'weak-report', cue, false);
  if ((cue = first(WEAK_GRIEVANCE, text))) return found('投诉', 'weak-grievance', cue, false);
  const question = first(QUESTION, text);
  const problem = first(PROBLEM, text);
  if (question && problem) return found('投诉', 'weak-grievance', problem, false);
  if (question) return found('咨询', 'question', question, false);
  // Most requests to a 12345 hotline are complaints: an account of something wrong, with no other cue,
  // is guessed to be one (not confidently: intake still asks).
  const negative = first(NEGATIVE_ACCOUNT, text);
  if (negative && cjkLength(text) >= 8 && !THANKS_ANYWHERE.test(text)) return found('投诉', 'weak-grievance', negative, false);
  const thanks = first(THANKS_ANYWHERE, text);
  if (thanks && cjkLength(text) >= 6) return found('表扬', 'thanks', thanks, false);
  return undefined;
}

/** The model's probability from which it overrules a weak rule. */
export const MODEL_SURE = 0.8;
/** Shorter messages (a greeting, a place, a name) get no model guess. */
const MODEL_MIN_LENGTH = 8;

/**
 * The rules, with the n-gram model (`request-kind-model.ts`) as a tie-breaker where they are unsure: a
 * confident rule always stands; a weak guess gives way when the model is sure of another kind; with no
 * rule at all, the model guesses. The model never makes an answer confident (confident 咨询 sends the
 * citizen to the knowledge base, a confident type is filed without asking), so what intake and the
 * router do with a chat sentence is still decided by the rules alone.
 */
export function classifyShortRequestKindIn(text: string): KindFinding | undefined {
  const rules = classifyRequestKindByRulesIn(text);
  if (rules?.confident || cjkLength(text) < MODEL_MIN_LENGTH) return rules;
  const guess = guessRequestKind(text);
  if (!guess || guess.kind === rules?.kind) return rules;
  if (rules && guess.probability < MODEL_SURE) return rules;
  return { kind: guess.kind, confident: false, rule: 'model', cue: '' };
}

/**
 * From this many Chinese characters a message reads like a letter: on real message-board posts the
 * chat rules are right only about half the time (a 举报 or 建议 somewhere in a long grievance decides),
 * the model trained on such posts about three times in four (`server/training/README.md`).
 */
export const LONG_MESSAGE = 60;
/** The long-message model's probability from which its kind is filed without asking. */
export const LONG_MESSAGE_SURE = 0.8;

/** Chat sentences by the rules (and their tie-breaker); long messages by the model trained on letters. */
export function classifyRequestKindIn(text: string): KindFinding | undefined {
  if (cjkLength(text) < LONG_MESSAGE) return classifyShortRequestKindIn(text);
  const guess = guessLongMessageKind(text);
  return { kind: guess.kind, confident: guess.probability >= LONG_MESSAGE_SURE, rule: 'long-message', cue: '' };
}

/** The kind of request with the rule that decided it, or undefined when nothing signals one. */
export function classifyRequestKind(text: string): KindFinding | undefined {
  return classifyRequestKindIn(normaliseForMatching(text));
}

/** The chat pipeline whatever the length (for comparison in training). */
export function classifyShortRequestKind(text: string): KindFinding | undefined {
  return classifyShortRequestKindIn(normaliseForMatching(text));
}

/** The rules alone, without the model's second opinion (for comparison and tests). */
export function classifyRequestKindByRules(text: string): KindFinding | undefined {
  return classifyRequestKindByRulesIn(normaliseForMatching(text));
}

/** 咨询, 投诉, 求助, 建议, 举报 or 表扬; undefined when nothing signals a kind. Includes weak guesses. */
export function detectRequestKind(text: string): RequestKind | undefined {
  return classifyRequestKind(text)?.kind;
}

/**
 * The kind of a work order (intake's types: no 咨询), only when the message says it clearly. A wrong
 * guess costs more than a question, so weak guesses stay undefined and intake asks.
 */
export function detectRequestTypeIn(text: string): RequestType | undefined {
  const finding = classifyRequestKindIn(text);
  if (!finding?.confident || finding.kind === '咨询') return undefined;
  return finding.kind;
}

export function detectRequestType(text: string): RequestType | undefined {
  return detectRequestTypeIn(normaliseForMatching(text));
}
