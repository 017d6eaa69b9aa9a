/**
 * Danger to life or property happening now: fire, gas, violence, injury, someone trapped or missing,
 * flooding, live electricity. Such messages are not hotline business (110/119/120/96777 are), so the
 * router answers them before anything else with whom to call and what to do.
 *
 * Runs on every message, so it is a handful of regular expressions, built as lexicons by kind of wording.
 * A signal counts unless its clause (or the one before) says it is over (上周着过火), told as an account
 * (因厨房起火, 遭到殴打), hypothetical (如果着火了, 早晚得着火), habitual (经常走丢), about money (燃气费),
 * about safety equipment (报警器), denied (无水管爆裂), or the message is thanks, an insurance question, or a
 * complaint about how an earlier emergency was handled. A long message is a letter: there a signal also needs
 * "now" said around it. A missed emergency costs more than a false alarm, but a false alarm on 燃气费太贵
 * makes the bot look foolish and buries the complaint, so the filters are narrow and clause-local.
 */
import { localFold, normaliseForMatching } from '../understand/fold.ts';
import { EMERGENCY_COPY } from './emergency.copy.ts';
import type { Situation } from './emergency.copy.ts';

export type EmergencyKind = 'fire' | 'gas' | 'violence' | 'medical' | 'trapped' | 'missing' | 'flood' | 'electric';

export interface EmergencyCall {
  number: string;
  name: string;
}

export interface Emergency {
  kind: EmergencyKind;
  /** Numbers to call, most important first; includes those of a second danger in the same message. */
  call: EmergencyCall[];
  /** One or two short sentences: what to do right now. */
  advice: string;
}

const PERSON =
  '(?:孩子|小孩|儿子|女儿|闺女|宝宝|老人|老太太|老爷子|老头|老太|爸|妈|父亲|母亲|爷爷|奶奶|姥姥|姥爷|外婆|外公|老伴|老公|媳妇|妻子|丈夫|家人|婆婆|公公|岳父|岳母|丈母娘|老丈人|邻居|同事|朋友|工人|小伙子?|姑娘|女的|男的|大爷|大妈|阿姨|叔叔|娃|弟弟|妹妹|哥哥|姐姐|学生|舅舅|舅妈|姑姑|姑父|姨妈|姨夫|大伯|伯伯|叔|侄子|侄女|外甥|孙子|孙女|外孙|外孙女|表哥|表姐|表弟|表妹|室友|舍友|工友|伙伴|舅|姨|姑|婶|嫂子|弟|妹|哥|姐)';
// People who may be hurt in the street but are not looked for when they fail to arrive (小哥找不到我家).
const PASSER = `(?:${PERSON}|人|他|她|我|小哥|骑手|外卖员|快递员|路人|行人|乘客|师傅|司机|店员|服务员|保安|老乡|(?:骑车|开车|走路|过马路|骑电动车|送外卖)的)`;
// Nobody inside a stopped lift or a locked car (电梯卡在三楼不动了 里边没人).
const NOBODY_INSIDE = /(?:里|里面|里边|里头)(?:也)?没(?:有)?人|没(?:有)?人在里/;
// Victims named by their role (家属在打护士, 有人在踹保安).
const VICTIM = `(?:${PASSER}|护士|医生|大夫|老师|民警|辅警|城管|售票员|收银员|环卫工|村民|业主)`;
const EXHAUST = /排气管|尾气|烟囱/;
const GAS_WORD = /燃气|煤气|天然气|液化气|瓦斯|燃气灶/;
// Things rather than people: 我爸手机不见了, 钥匙掉下水道里了.
const LOST_THING =
  /(?:钱包|手机|钥匙|自行车|电动车|电瓶车|书包|包裹|快递|证件|身份证|户口本|(?:银行|医保|社保|公交|门禁|饭)卡|作业本?|文件|钱|项链|戒指|眼镜|耳机|手表|行李箱?|箱子|东西|玩具|鞋|帽子)[^，,。]{0,3}(?:掉|不见|找不|丢|没了)/;
// The same, and a wheel or a car stuck (车轮陷沟里出不来了): not a person fallen in.
const LOST_OR_STUCK = new RegExp(`${LOST_THING.source}|车轮|轮子|车(?:子)?(?:陷|掉|开|滑)`);
// Things, not people, stuck (车卡在胡同里出不来了, 快递卡在柜里, 电动车前轮卡在栏杆缝里), and figures of speech
// (被困在这个破工作里出不来了), a door that shuts someone out (被锁在门外了).
const NOT_TRAPPED = new RegExp(
  `(?<![被让给])(?:快递|包裹|行李|箱子|东西|球|风筝|钥匙|手机|硬币|车|轮子?|自行车|鞋|手续|材料|审批|申请|流程)[^，,。]{0,3}(?:被)?卡(?:在|住|主|进|到)|抽屉|拉链|锁芯|钻头|螺丝|钉子|工作|婚姻|生活|体制|圈子|怪圈|循环|情绪|回忆|[难习考]题|做梦|梦里|门外|外面|外头|外边|${LOST_THING.source}`,
);
// The end of a clause: what a missing-person or a thing-lost verb must be followed by (找不到了 but not 找不到工作).
const END = '(?=[，,。！!？?；;\\s]|$)';

// Lexicons by kind of wording. Things that burn, and the verbs for catching fire or blowing up.
const BURNABLE =
  '(?:房子|屋子?|楼|车|电动车|电瓶车|电瓶|电池|充电宝|充电器|充电桩|手机|厨房|窗帘|被子|床|沙发|柜子|衣服|仓库|库房|棚子?|草垛|草|树|山|林子?|杂物|垃圾(?:桶|堆)?|纸箱|线路|电线|插座|插线板|插排|排插|插头|电器|电视|冰箱|空调|微波炉|电热毯|电暖器|热水器|电表|电箱|配电箱|变压器|房顶|楼道|阳台|锅炉|煤气罐|液化气罐|店|饭馆|餐馆|工厂|厂房|平房|楼房|板房|彩钢房|大棚|工棚|车间|宿舍|出租屋|超市|商场|小卖部|铺子|门面|车库|院子|秸秆|麦秸|稻草|柴火|柴垛|草垛子|垛子|机房|油罐|加油站|货车|卡车|公交车?)';
const IGNITED = new RegExp(
  `${BURNABLE}[^，,。]{0,5}?(?:(?<![不找睡碰赶挨等接够摸见])着了|着起来|燃起来|烧了起来|烧着|点着|被(?:人)?点(?:着|了)|引燃|冒火(?![花星])|冒(?:出)?(?:了)?烟|炸了|爆炸|爆燃)|(?<!点不|打不|蚊香|香|蜡烛|灯|炉子|烟)点着了|被(?:人)?(?:点着|点燃|放火|纵火)|有人(?:放火|纵火)|纵火|(?<![引])爆炸(?![头性案品])|大火|火(?:已经|都)?(?:窜|蹿|蔓延|烧)(?:到|上|过来|进)|火苗(?:子)?|噼里啪啦(?:地)?(?:烧|响)|走水了|(?:全|都|到处)是火|火海|冒(?:青|白)烟|(?:一股|有股|闻到)(?:子)?(?:烧)?焦(?:糊)?味`,
  'g',
);
// Flames seen without a burnable noun: 着火了, 冒出好大一团火, 火老大了.
const FLAMES =
  /(?<!打不|点不|打|点)[着著]火(?!车)|[着著]伙(?:了|啦)|起火|失火|发生火灾|火灾了|烧起来|烧着了|火着起来|火光|明火|火苗|火势|(?<![上肝心脾发恼冒我你他她]|我这|我那)火(?:越来越|挺|很|特别|非常|好|老|太|贼|超|这么|那么)大|火(?:越烧越|越着越)(?:大|旺|猛)|(?:一|好大|很大|老大)(?:的)?(?:一)?(?:大)?(?:团|片)(?:大)?火(?![锅车气腿柴机炉])|(?:冒|窜|蹿|喷)(?:出|起)(?:了|来)?(?:好大|很大|老大|老高)?(?:的)?(?:一)?(?:大)?(?:团|股|片)?(?:大)?火(?![锅车气腿柴机炉花星])|往外(?:冒|窜|蹿|喷)火(?!花|星)|自燃/g;
// Smoke: a fire's, or a chimney's, a grill's, a factory's; read with the clause before (砖厂污染严重，浓烟笼罩).
const SMOKE =
  /冒(?:出)?(?:了)?(?:好多|很多|大量|大|黑|浓)?烟|浓烟|黑烟|(?<![油抽吸排香])烟(?:很|特别|太|好|非常|挺)?(?:大|浓)|全是烟|都是烟|满(?:屋子?|楼道)?的?烟|烟雾|(?<![油抽吸排香炊])烟[^，,。]{0,8}?(?:往(?:上|外|里|下|屋里|家里|楼上|楼道)?(?:冒|窜|蹿|灌|涌|钻)|(?:窜|蹿|灌|涌|钻)(?:进|上|到|出)|呛得[^，,。]{0,4}(?:睁不开|喘不|受不了|出不去|看不见))|烧焦(?:的)?味/g;
// Someone's smoke or a figure of speech rather than a fire (烧烤摊烟很大, 心里冒出一团火, 气得冒烟).
const HABIT_OR_FIGURE = '烧烤|烤串|抽烟|吸烟|烟味|油烟(?!机)|烟花|鞭炮|香烟|烟头|烟囱|心里|心中|心头|胸中|憋着|眉毛|气得|急得';
const NOT_FLAMES = new RegExp(HABIT_OR_FIGURE);
// Smoke is also a factory's or a stove's, burnt offerings, a dry throat (砖厂排放黑烟, 烧纸, 嗓子冒烟).
const NOT_A_FIRE_SMOKE = new RegExp(
  `${HABIT_OR_FIGURE}|烟道|排烟|烧纸|烧香|上香|上坟|嗓子|渴|排放|排出|直排|偷排|污染|环保|烟窗|窑|砖厂|焚烧|废气|粉尘|灰尘|雾霾|缭绕|光化学|熏人|照样`,
);

// Symptoms by group: bleeding, unconscious, convulsions, stroke, chest, breathing, burns, poisoning, falls, injuries.
const SYMPTOMS = new RegExp(
  [
    '血(?:哗哗|呼呼|直流|一直流|往外(?:冒|流|涌|淌|喷)|淌了)|(?:头|脑袋|脑门|额头)[^，,。]{0,2}(?:磕|摔|撞|砸)破|(?:磕|摔|撞)破(?:了)?(?:头|脑袋)|头破了|(?:磕|摔|撞|碰)(?:出|破)(?:了)?(?:血|口子|个口子|个大口子)|(?:挨|中)了(?:[一几两]|好几)刀|(?:捅|砍|扎)了(?:他|她|我|人)?(?:[一几两]|好几)刀|吐血|咳血|呕血|吐了(?:好多|一口|一地)?血|(?:血|鼻血)(?:流|止)不住|止不住血|(?:满脸|满头|满身|一身|浑身|满地)(?:都)?(?:是)?血|(?:头上|脸上|身上|腿上|胳膊上)(?:全|都)(?:是)?血|血流(?:不止|了一地|满地)|出血(?:了|很多|不止)|流血了',
    `(?:${PERSON}|人|他|她|我)(?:突然|一下子?|直接|晕|就)?(?:倒(?:在)?地|倒在[^，,。]{0,5}(?:上|里|边|口|旁)|倒下(?:了|去了))|` +
      `(?:叫|喊|招呼)(?:${PERSON}|他|她)(?:也|都|半天)?(?:都|也)?(?:没(?:有)?(?:反应|动静)|不答应|不应)|叫(?:了)?(?:也|都)(?:不答应|不应|没反应|没动静)|(?:两)?眼(?:睛)?发直|(?:${PERSON}|人|他|她)[^，,。]{0,8}?(?:突然|一下子?|当场|直接)?(?<![绕搞弄转看听])晕(?:了|倒|过去)|` +
      `(?:${PERSON}|人|他|她)[^，,。]{0,4}没(?:有)?反应了|叫不应|` +
      '人事不省|失去(?:了)?意识|昏厥|休克|翻白眼|(?:滑|瘫|出溜)(?:到|在)地上|(?:就|突然|一下子?)出溜下去|一头栽(?:倒|在|那|地|下)|(?:叫|喊|拍)[^，,。]{0,4}不睁眼|叫[^，,。]{0,3}(?:不吭声|不出声|没声)|' +
      '(?:吃|喝)[^，,。]{0,8}(?:以后|之后|完)[^，,。]{0,4}(?:脸|嘴|嘴唇|嗓子|喉咙|全身|浑身|眼睛)(?:都)?肿|呼哧呼哧|喘(?:气)?[^，,。]{0,3}(?:费劲|困难|急)',
    '浑身(?:发)?抽|抽(?:过去|起来)了|(?:一直|浑身|身子|手脚|人)(?:在)?抽抽|(?:吐|冒|流)白沫|浑身打挺|' +
      `抽风(?:了|啦)(?<=${PASSER}[^，,。]{0,6}抽风(?:了|啦))|(?<!偏)瘫(?!痪|软)(?:在|到|坐)?(?:了)?[^，,。]{0,4}(?:地上|楼梯上|台阶上|路边|马路上|地下)|` +
      '烧(?:得)?抽(?:风|了|过去|起来)|羊癫疯|癫痫(?:发作|犯)',
    '(?:嘴|嘴巴|嘴角)(?:都)?歪|口眼歪斜|口歪眼斜|说话[^，,。]{0,3}(?:不清(?!不楚)|含糊|不利索|不利落|大舌头|说不清|说不出)|(?:手脚|半边|左边|右边|一边|左半边|右半边)[^，,。]{0,3}(?:没劲|没力气|不听使唤|抬不起来|不能动)|(?:胳膊|手|腿)(?:突然)?(?:抬不起来|不听使唤)|(?:晕|软)得站不(?:住|稳|起来)|站都站不(?:住|稳)|浑身(?:哆嗦|发抖)[^，,。]{0,3}(?:出|冒)冷汗|叫[^，,。]{0,3}反应(?:很|特别|有点)?(?:慢|迟钝)|突然[^，,。]{0,4}(?:看不清|看不见|说不出话|站不稳|没劲)|看东西(?:模糊|重影|看不清)|头疼得(?:厉害|受不了|要炸)[^。]{0,8}吐|口齿不清|舌头(?:发)?(?:硬|麻)|(?:半边|一边|一侧|半个)(?:身子|身体|脸|手|胳膊|腿)[^，,。]{0,3}(?:不能动|动不了|没知觉|没劲|麻)',
    '(?:疼|痛)得(?:直|满地|在地上)?(?:打滚|冒冷汗|直不起腰|昏过去)|胸口(?:疼|痛|闷|憋|压|像|好像|跟|似|发紧|紧|堵|揪|绞)|胸闷|心脏(?:疼|痛|难受|受不了|不舒服)|捂着胸口|心口(?:疼|痛|像|好像|堵|憋|压)|(?:胸|心口)[^，,。]{0,3}(?:压了|压着)(?:一)?块|心(?:脏)?[^，,。]{0,2}(?:慌得|跳得)(?:厉害|受不了|不行|要蹦出来)',
    '不喘气|没气了|不呼吸|上不来气|喘不上来|喘不(?:了|过来)(?:气)?|透不过气|憋得(?:脸|喘|通红|发紫|说不出)|(?:卡|噎)(?:在)?(?:喉咙|嗓子|嗓子眼)(?:里)?了|嘴唇(?:发)?(?:紫|青|乌)|脸(?:色)?(?:发|都)?(?:紫|青)|过敏[^。]{0,12}(?:喘|肿|呼吸|憋|嗓子|喉咙|说不出)|(?:嗓子|喉咙|嗓子眼)(?:发紧|紧|肿|堵|憋)',
    '被(?:开水|热水|热油|热汤|热粥|油|火)(?:烫|烧|浇|泼)|(?:开水|热水|热油|热汤|热粥)[^，,。]{0,4}(?:浇|泼|洒|烫)(?:到|在|了)|烫(?:得|了|掉)(?:一大片|起泡|皮)|(?:起|冒)了(?:一大片|一片|好多|很多|一堆)?(?:水)?泡|烧伤|烫伤',
    '(?:食物|农药|酒精|药物|一氧化碳)中毒|中毒了|喝(?:了|下)(?:半瓶|一瓶|一口|好多|一大口|很多)?(?:农药|敌敌畏|百草枯|洗洁精|消毒液|消毒水|洁厕灵|漂白水|清洁剂|洗衣液|防冻液|杀虫剂|84|酒精|汽油|老鼠药)|(?:吃|吞|咬|喝)(?:了|下|破了)(?:一颗|一个|一口|好几颗|几颗)?(?:毒蘑菇|老鼠药|耗子药|洗衣凝珠|干燥剂|樟脑丸|蟑螂药|灭鼠药|杀虫剂|消毒片|水银|体温计|纽扣电池)|误(?:吃|喝|服|食|吞)|(?:药|药片|药丸)[^，,。]{0,4}当(?:糖|零食)|吃了(?:好几|十几|一大把|一把)(?:片|颗|粒)|把[^，,。]{0,6}(?:硬币|电池|纽扣|磁铁|磁珠|钉子|珠子|药片|鱼刺)[^，,。]{0,2}(?:吞|咽)(?:下去|进去|了)|鱼刺卡|(?:手|手指|脚|胳膊|腿)[^，,。]{0,3}被[^，,。]{0,5}(?:绞|夹|轧|切|卷)(?:了|断|住|进去)|被[^，,。]{0,5}(?:绞|卷)进去|(?:手|手指|指头|脚|脚趾|胳膊|腿)[^，,。]{0,4}(?:夹|绞|轧|切|压|砸)断|(?:夹|绞|轧|切|压|砸)断(?:了)?(?:手|手指|指头|脚|脚趾|胳膊|腿)|喘气(?:困难|费劲|都难)|(?:蜂|马蜂|蛇|毒虫)[^，,。]{0,2}(?:蛰|蜇|咬|叮)',
    '摔(?:倒|了一跤|下去)?[^，,。]{0,6}(?:起不来|动不了|昏|没反应|流血|出血|骨折|断了)|摔断|(?:腿|胳膊|骨头|手)(?:都)?断了|从[^，,。]{0,10}(?:摔|掉|跌|坠|栽)下(?:来|去)|栽(?:下来|下去|倒)了|高空坠(?!物)|坠落(?!物)',
    // Injuries: wounds, things driven into the body, people hit or dragged under by vehicles, bites.
    '受伤(?!害|的是|的还是|者|人员|率)|伤(?:得|口)(?:很|特别|好)?(?:重|深|大)|(?:砸|割|撞|刺|扎)伤|(?:扎|刺|插)(?:穿|透)|(?:扎|刺|戳|插|钉|打)(?:进|入)(?:了)?(?:肉|身上|身体|腿|脚|手|胳膊|肚子|眼睛?|脑袋|头|胸|后背|脖子)|' +
      PASSER +
      `(?:被[^，,。]{0,4}(?:砸|撞|轧|碾|刮|剐|蹭)(?:了|到|倒|伤|中|着)|(?:让|叫|给)[^，,。]{0,4}(?:砸|撞|轧|碾)(?:伤|倒|着))|被[^，,。]{0,6}车[^，,。]{0,2}(?:卷|拖|轧|碾|压|挂)(?:到|进|住|着|了|倒|过|得)|(?:卷|拖|压|轧)(?:到|在|进)(?:了)?车(?:底|轮)|(?:车|轮子)[^，,。]{0,4}(?:轧|碾|压)(?:到|过|着|住)(?:了)?(?:人|腿|脚|他|她|${PERSON})|车祸|撞(?:倒|飞)(?:了)?(?:人|一个)|被(?:疯)?狗咬|羊水破了|(?:快|赶紧)(?:叫|打)(?:120|救护车)|人快不行|快没(?:气|命)了`,
  ].join('|'),
  'g',
);
// An illness told as history, suffered by a whole population, or a figure of speech: 因工受伤, 中风后在家休养,
// 十万民众呼吸困难, 流血流汗, 压力大得喘不过气.
const NOT_NOW_ILLNESS =
  /气得|气死|笑得|累得|忙得|爬得|跑得|憋屈|热得|吓得|急得|看得|听得|把手|电脑|手机|病毒|软件|游戏|赔|不管|责任|鉴定|认定|牙龈|痔疮|月经|经期|痛经|住院|入院|治疗|诊断|手术|术后|检查|病历|伤残|工伤|因工|疗伤|偏瘫|卧床|抚恤|后遗症|康复|休养|至今|医药费|医疗费|不能自理|去世|身亡|病逝|死亡|因(?:为)?(?:车祸|交通|事故|脑|心梗|中风|病)|缝了|缝针|包扎|石膏|(?:因|由于)[^，,。]{0,10}(?:受伤|骨折|住院)|生活不便|股市|股票|基金|行情|大盘|流汗|流泪|心都在|血汗|碰得|民众|群众|村民们|百姓|压力|压得(?:我|人)|负担|排放|废气|污染|粉尘|灰尘|臭气熏天/;
// Symptoms blamed on pollution, noise or the markets (废气让村民呼吸困难, 吵得睡不着，心脏难受, 股市又跌了 心脏受不了),
// read with the clause before.
const BLAMED_ON = /排放|废气|污染|粉尘|灰尘|熏天|熏人|沥青|化工厂|噪音|吵得|让人|令人|股市|股票|基金|行情|大盘/;
// Pregnancy: bleeding, waters breaking, labour pains (见红 alone is also a rising share price).
const PREGNANT = /怀孕|孕|怀着|预产期|产检|要生|快生|个月/;

interface Signal {
  situation: Situation;
  pattern: RegExp;
  /** Extra condition on the whole message (a bare 漏气 is a gas leak only when gas is mentioned). */
  requires?: RegExp;
  /** Words in the clause that make this signal mean something else (烧烤摊烟很大). */
  unless?: RegExp;
  /** Read `unless` in the clause before as well (砖厂污染严重，浓烟笼罩). */
  unlessNear?: boolean;
  /** Words anywhere in the message that do the same (冒烟…排气管的那种). */
  unlessInMessage?: RegExp;
}

// An injury at work being claimed or assessed is told after the fact.
const WORK_INJURY_CLAIM = /报工伤|工伤认定|认定工伤|工伤赔偿|算工伤|算不算工伤|工伤保险/;
const VIOLENCE = new RegExp(
  [
    // Fights and beatings, said as verbs or as nouns (一顿拳头).
    `打砸|挨揍|(?:在|正在|被(?:人)?|围着[^，,。]{0,8})揍|围(?:着|住)[^，,。]{0,8}(?:打(?!牌|麻将|扑克|球|游戏|电话)|踢(?!球|毽)|踹)|揍(?:我|人|他|她)|(?:好几个|几个|一群|一帮|一伙|俩)人?(?:在)?(?:打|揍|踹|踢)(?:一个|个|人)|围殴|互殴|殴打|厮打|扭打|撕打|打成一团|干起来了|打得[^，,。]{0,4}(?:血|起不来|不行)|往死里打|打架(?!子)|斗殴|打群架|(?<!越)打人(?!者|凶手|事件|案)|打我(?!们?(?:的|电|手|号|这|卡|账|那|主意))|打了我(?![^，,。]{0,4}(?:电话|手机))|被(?:人)?打(?:了|伤)(?!(?:一|个|一个|好几个|几个|了)?(?:电话|针|疫苗|分|折|钱|款|卡|包|招呼))|被[^，,。\\s]{1,5}?打(?:了|伤)(?!一下|(?:一|个|一个|好几个|几个|了)?(?:电话|针|疫苗|分|折|钱|款|卡|包|招呼))|被(?:人)?(?:砍|捅|扎|刺)(?:了|伤|中)|(?:在|正在|还在)(?:打|揍|踢|踹)${VICTIM}(?![^，,。]{0,2}(?:电话|手机|号码|热线|招呼|交道|官司))|追着[^，,。]{0,4}打|就动手|要动手|动手打|打起来|动起手|(?:打|砍|捅)死|打(?:孩子|老人|老婆|媳妇)|拳打脚踢|(?:按|摁)(?:在)?地上(?:打|揍|踢|掐)|(?:扇|抽|打)[^，,。]{0,5}(?:耳光|巴掌|嘴巴子|大嘴巴)|(?:拽|薅|揪|扯)(?:着|住)?[^，,。]{0,4}头发|往墙上(?:撞|磕)|(?:踹|踢)(?:了)?(?:一个|个)?(?:人|老人|老太太|老头|孩子|小孩|女的|男的|他|她|我|保安|司机|护士|医生|大夫|老师|店员|服务员|快递员|外卖员|小哥|乘客)|掐(?:住|着)?[^，,。\\s]{0,5}?脖子|被(?:人)?推倒|推人(?:下|进|到)|(?:站台|铁轨|轨道|楼梯|河边|湖边|马路|窗边)[^，,。]{0,6}推人|把[^，,。]{0,6}推下(?:去|楼|车|水|站台|河)|一顿(?:拳头|暴打|毒打|狠揍|胖揍|揍|打|拳打脚踢|乱打|猛打)|暴打|毒打|痛打|群殴|挥拳|抡拳头|动拳头|打(?:倒|趴)在地|打趴下|开瓢`,
    // Weapons held, drawn or used.
    `(?:挨|中)了(?:[一几两]|好几)刀|(?:掏|亮|抽)出(?:了)?(?:刀|匕首|枪)|(?:拿|抡|举|挥|拎|提|攥|握|抄)(?:着|起)?(?:了)?(?:菜刀|水果刀|匕首|砍刀|铁棍|木棍|棍子|棒子|钢管|锤子|铁锹|斧子|斧头|扳手|酒瓶|板砖|砖头|椅子|凳子|棒球棍)|抄家伙|砍人|砍伤|捅人|捅了|持刀|拿(?:着)?(?:刀|棍|棒|砖|枪|斧)|动刀|有枪|行凶|(?:拿|用|抡)[^，,。]{0,4}(?:砖头|板砖|棍子|酒瓶|椅子|凳子|锤子)[^，,。]{0,8}(?:砸|拍|打|抡)`,
    // Robbery, break-ins, damage.
    `抢(?:了|走)?(?:小孩|孩子)|抢(?:了|走)(?:我)?(?:的)?(?:包|手机|钱|项链|东西)|抢(?:我|俺)(?:的)?(?:包|手机|钱包|钱|项链|金链子|耳环|手表)(?!玩|看)|把[^，,。]{0,6}(?:包|手机|钱包|钱|项链|金链子)(?:给)?抢(?:了|走)|被(?:人)?抢(?!占|先|购|注|救|夺|光|票|生意|修)|打劫|飞车抢|抢劫|抢东西|(?<!争)抢(?!救|购|票|占|先|修|险|夺)[^，,。]{0,6}(?:钱|金子|首饰|金店|收银台)|冲进[^，,。]{0,6}抢|劫匪|歹徒|蒙面|戴(?:着)?(?:面罩|头套)|(?<![进引狼])入室(?!内|门)|撬(?:门|锁)|(?:有人|正在|在)[^，,。]{0,6}撬|踹门|撞门|闯进|砸(?:我|我们)?(?:的|家的?)?(?:车|门|窗|玻璃)|(?:在|正在|还在)砸[^，,。]{0,4}(?:车|门|窗|玻璃|店)|砸(?:我家)?门|砸我家|砸车|耍酒疯|发酒疯`,
    // Following, abduction, restraint, threats.
    `被(?:人|一个男的|陌生人)?跟(?:了|着)(?:一路|好久|我)|一直跟着我|有人[^，,。]{0,3}跟着我|一直跟(?:到|了)(?:我)?(?:家|楼下|小区|门口|家门口)|(?:被(?:人)?|有人(?:在|一直)?)跟踪|跟踪(?:我|她|他|孩子|小孩|${PERSON})|尾随|(?<![左右])拐(?:走|跑)|被(?:人)?拐|人贩子|(?:强行|硬)(?:把)?[^，,。]{0,4}(?:拉|拖|拽|抱)(?:上车|走)|(?:被(?:人)?|有人|把[^，,。]{0,6})绑架(?!政府|百姓|业主|客户|民意|舆论)|绑架(?:了)?(?:我|孩子|小孩|${PERSON})|劫持|(?:把|将)[^，,。]{0,6}(?:绑|捆)(?:起来|住|了)|被(?:人)?(?:绑|捆)(?:起来|住|了)|扬言要|要(?:砍|捅|杀(?!鸡|价|毒|菌|虫)|弄死|报复)|威胁[^，,。]{0,8}(?:杀|砍|捅|弄死|打死|放火|烧|泼|炸)|杀人(?!不见血)|(?<![扼抹封绞])杀了我|弄死|家暴|喊救命|惨叫`,
    // Sexual assault and groping.
    `耍流氓|猥亵|性侵(?!占|权)|强奸(?!民意|妇女|幼女)|非礼|性骚扰|咸猪手|(?<!摸)摸(?:人家|一个|那个|个)?(?:女孩|女生|姑娘|小姑娘|女的|孩子|小孩|我|她)(?!的?(?:头|额头|脑门|脑袋|肚子|脉))|(?<![狗猫])往(?:人家|她|我|女孩|女生|姑娘|小姑娘|女的|孩子|小孩|人)?(?:的)?身上(?:蹭|摸|乱摸)`,
  ].join('|'),
  'g',
);
// A figure of speech, a game, a policy or an operation rather than violence (这不是明着抢钱吗, 政策打架, 打死我也不信).
const NOT_VIOLENCE =
  /车位|座位|位置|生意|红包|票|简直|跟打劫|像打劫|游戏|坠物|冰雹|大风|无异|等于|相当于|变相|有什么区别|是什么|赤裸裸|明目张胆|明着|就像|如同|犹如|仿佛|好比|恨不得|不如|趁火打劫|(?:也|都)(?:不|没)(?:信|会|去|干|说)|死(?:我|你|他|她)?(?:也|都)(?:不|没|别)|政策|标准|规定|文件|法律|法规|制度|条款|口径|入户门|手术|梦见|做梦|拍戏|演戏|表演|救命钱|甚至|辱骂|维权|上访|群众|老百姓|百姓|村民们/;

// In priority order: the first kind found gives the advice; later kinds add their numbers.
const SIGNALS: Signal[] = [
  {
    situation: 'liveWire',
    pattern:
      /(?:配电(?:室|柜|箱|房)|变电(?:箱|站|柜|所)|电箱|电表箱|电闸|电线杆|变压器)[^。]{0,12}(?:火星|火花|蓝光|噼里?啪啦|滋滋|打火|放电)/g,
    // With visible fire or smoke it is a fire first (119); the sparks add the power company.
    unlessInMessage: /冒(?:了)?(?:黑|白|浓)?烟|着火|起火|火苗|明火|烧起来/,
  },
  { situation: 'oilPanFire', pattern: /(?:油锅|(?<!火)锅里的?油)[^，,。]{0,4}(?:[着著]火|起火|烧起来|冒火|[着著]了)/g },
  {
    situation: 'fire',
    pattern: IGNITED,
    unless:
      /烟头|香烟|抽烟|蜡烛|烧烤|炉子|灶|收汁|炒|炖|煮|做饭|饭|菜|糊了|车?胎|气得|气炸|肺|脑子|脑袋|心态|情绪|信息|知识|人口|爆炸案|定时炸弹|眉毛|心里|我(?:都)?(?:要|快)(?:要)?爆炸|被电|电(?:着|到)了|水管|管子|水龙头|水表|暖气/,
    unlessInMessage: EXHAUST,
  },
  { situation: 'fire', pattern: FLAMES, unless: NOT_FLAMES, unlessInMessage: EXHAUST },
  {
    // 着起来了 with the burning thing named before (电动车在楼道里充电 突然砰的一声 着起来了); not a stove lit.
    situation: 'fire',
    pattern: /[着著]起来了/g,
    requires: /电动车|电瓶|电池|充电|楼道|房|屋|车|柴|草|仓库|窗帘|被子|沙发|电线|插座/,
    unless: /炉|灶|蜡烛|香|火柴|打火机|煤/,
    unlessInMessage: /炉|灶|蜡烛|点火/,
  },
  { situation: 'fire', pattern: SMOKE, unless: NOT_A_FIRE_SMOKE, unlessNear: true, unlessInMessage: EXHAUST },
  { situation: 'carbonMonoxide', pattern: /煤气中毒|一氧化碳中毒|一氧化碳/g },
  {
    situation: 'gas',
    pattern:
      /(?:燃气|煤气|天然气|液化气|瓦斯)[^，,。]{0,6}(?:味|泄漏|泄露|漏了|漏气|冒气|喷气|嘶嘶|滋滋|呲呲|哧哧|嗤嗤)|(?:闻着|闻起来|闻到|一股|有股)[^，,。]{0,4}(?:像|是|跟)(?:是)?(?:燃气|煤气|天然气|液化气)|(?:燃气|煤气|天然气|液化气)(?:管道?|管子|管线|阀门?|罐子?|表)(?![得理])[^，,。、]{0,8}(?:断|破(?!坏)|裂|爆|(?:打|钻|扎|戳)(?:穿|透)|冒气|喷气|呲|嘶嘶|哧哧)|(?:挖|刨|铲|碰|砸|撞|压|钻|打)(?:断|破|坏|穿|透)(?:了)?[^，,。]{0,4}(?:燃气|煤气|天然气|液化气)/g,
  },
  {
    situation: 'gas',
    pattern:
      /漏气|泄漏|泄露|臭鸡蛋味|(?:灶|阀门?|开关)[^，,。]{0,3}(?:关|拧)不(?:上|住|掉|紧)|(?:嘶嘶|哧哧|嗤嗤|呲呲|滋滋)(?:地|的|响|往外)|(?:味|味儿|味道)[^，,。]{0,3}(?:冲|呛|浓)得|越来越(?:浓|冲|呛)|(?:没关|忘关)[^，,。]{0,4}越来越(?:大|重)/g,
    requires: GAS_WORD,
  },
  {
    // A gas hose said plainly (后厨的气管子漏了); not a tyre's or a bicycle's.
    situation: 'gas',
    pattern: /(?<![水油暖热排空支])气管(?:子|道)?[^，,。]{0,3}(?:漏|破(?!坏)|裂|断|呲|嘶嘶)/g,
    unless: /车|胎|打气|气球|游泳圈|炎/,
  },
  {
    // A smell like rotten eggs, with gas unnamed, when it makes someone ill (跟臭鸡蛋似的，我头晕得厉害).
    situation: 'gas',
    pattern: /臭鸡蛋/g,
    // …or where gas is used (厨房一股臭鸡蛋味): the smell added to gas.
    requires: /头晕|头疼|头痛|恶心|想吐|犯迷糊|发晕|晕乎|喘不|厨房|灶|炉子|燃气|煤气/,
    unless: /下水道|地漏|马桶|厕所|化粪池|垃圾|污水|臭水/,
  },
  {
    // A burglar still there (家里进小偷了 人还在屋里) or a snatcher running off (抢包 往南跑了): 110 now.
    situation: 'violence',
    pattern:
      /(?:进|有|来)(?:了)?(?:小偷|贼)[^。]{0,12}?(?:还在|正在|没走|在屋里|在家里|在里面)|(?:小偷|贼)(?:还在|正在)|抢(?:了)?(?:我的|人家的?)?(?:包|手机|钱包|项链|金链子)[^。]{0,10}?(?:跑|逃|骑)/g,
    unless: NOT_VIOLENCE,
  },
  // 被打了一下 is also said of a shock (路灯杆漏电，扶了一下被打了一下).
  // A fight at school the teacher calls the parents in about (孩子在学校跟同学打架了 老师叫家长明天过去) is over.
  {
    situation: 'violence',
    pattern: VIOLENCE,
    unless: NOT_VIOLENCE,
    // …and a child hit by classmates at school, told as a grievance about the school (round 9).
    unlessInMessage: /漏电|带电|触电|被电|(?:老师|学校|班主任)[^，,。]{0,4}(?:叫|让|请|喊|找|通知)(?:我|家长|我们)|(?:在学校|同学)[^。]{0,8}(?:打|欺负)[^。]{0,12}(?:老师|学校|班主任)(?:也)?(?:不管|不问|不处理)/,
  },
  {
    situation: 'lift',
    unlessInMessage: NOBODY_INSIDE,
    pattern:
      /电梯[^。]{0,12}?(?:困|(?<![相有无])关(?!系|注|于|心|联)|卡(?!片|号)|停(?!运|用|止|车|电|梯))[^。]{0,10}?(?:(?<![没无])(?<!没有)人(?!员|身|问津|管|修|维)|孩子|老人|我|里面有|出不来|出不去)|(?:困|关|卡|锁)(?:在)?电梯(?:里|中|间)|电梯困人|被困电梯|电梯里[^，,。]{0,6}出不(?:来|去)|电梯[^。]{0,16}?(?:被(?:困|关|卡)(?!高楼|家|在家|楼上)|(?:困|关|卡)在里(?:面|头)|打不开[^。]{0,6}(?:(?:人|我|孩子)?在里(?:面|头)))|电梯[^，,。]{0,10}(?:掉|坠|滑)(?:下来|下去)|电梯[^，,。]{0,8}(?:停在半空|悬在半空|卡在(?:两层|半空|中间|楼层中间)|(?:突然)?(?:往下|一下子)?(?:掉|坠|下坠|急坠|冲顶|蹲底)(?:了|下去))/g,
  },
  {
    // Stuck between floors said with the floors (卡在十二楼和十三楼之间, 卡主了 在八楼九楼中间) or half way (卡半道了).
    situation: 'lift',
    unlessInMessage: NOBODY_INSIDE,
    pattern:
      /电梯[^。]{0,10}?(?:卡|停|悬|不动|不走)[^。]{0,14}?(?:两层|楼层|[楼层])(?:和|跟|与|到)?[^，,。\s]{0,6}?(?:中间|之间|当中|半中间|半截)|电梯[^，,。]{0,8}?(?:卡|停|悬)(?:在|到)?(?:了)?半(?:道|截|空|中|路|腰)/g,
  },
  {
    // Someone inside a lift that stopped (電梯突然停了 燈也滅了 裡面悶得慌 我們三個人出不去); not a lift that keeps
    // someone home (电梯坏了 我出不去), which says nobody is inside it.
    situation: 'lift',
    unlessInMessage: NOBODY_INSIDE,
    requires: /电梯[^。]{0,20}?(?:停|卡|不动|不走|坏|故障|打不开|开不了|开不开|掉|毛病|困|关)/,
    pattern: new RegExp(
      `(?:里面|里头|里边|轿厢(?:里)?)[^。]{0,8}?(?:出不(?:来|去)|闷|憋|喘不|黑|哭|喊|按铃|警铃|没人理|没信号|快没电)|(?:闷|憋)得(?:慌|难受|喘不)|扒不开|(?:按|摁)(?:了)?(?:半天)?(?:警铃|铃)|救命|快来人|快救|(?:在|困在|关在|卡在)(?<=(?:${PASSER}|我们|人|俺|咱)[^，,。]{0,6}在)(?:电梯|轿厢)?(?:里面|里头|里边|轿厢里|里)(?![^，,。]{0,3}(?:住|上班|工作|等))`,
      'g',
    ),
  },
  {
    situation: 'collapse',
    pattern:
      /塌方(?=[^。]{0,12}(?:埋|压|困|有人|被))|(?:塌|倒塌|坍塌|垮)[^。]{0,10}(?:底下|下头)(?:还)?有人|(?:压|砸)(?:着|住|扁|了|在)[^，,。]{0,6}车[^。]{0,8}(?:车里|里面|里头|上面)(?:还)?有人|(?:塌|倒塌|坍塌|垮)[^。]{0,10}(?:埋|压|困)(?:了|住|着)?[^，,。]{0,4}(?:人|工人|[一两二三四五六七八九十几\d]个)|被(?:埋|压)(?:住|着(?!直)|了)|埋了(?:人|[一两二三四五六七八九十几\d]个)|(?:塌|倒塌|坍塌)[^。]{0,10}(?:里面|下面)(?:还)?有人|(?:压|埋)(?:着|住)(?:人|了人)|被(?:压|埋)(?:在|住)|埋在下面|压在下面|(?:塌|倒塌|坍塌)[^。]{0,10}(?:压|埋)(?:着|住|了)?(?:人|在)/g,
  },
  {
    // A child shut in a car said the other way round (车里锁着个小孩): round 9, after the round-8 measurement.
    situation: 'lockedIn',
    pattern: /车(?:里|内|上)(?:面)?(?:锁着|关着|被锁着|反锁着)(?:个|一个|俩|两个)?(?:小孩|孩子|婴儿|宝宝|娃|老人)/g,
  },
  {
    situation: 'lockedIn',
    pattern:
      /(?:反)?锁(?:在)?车里|反锁(?:在)?(?:了)?(?:屋|家|房间|车|厕所|卫生间|阳台)|(?:被)?困在(?:屋里|家里|房间|楼顶|山上|水里|火里|车里|井里|井下|坑里|废墟|隧道|楼里|卫生间|厕所|阳台)|关在车里|(?:被)?(?:困|关|锁)在(?:了)?(?:里面|里头|屋里|家里|房间|厕所|卫生间|阳台|楼顶|天台|车里|井里|地下室|仓库)|(?:困|关|锁)(?:在)?(?:了)?(?:里面|里头|屋里|厕所|卫生间|阳台)[^，,。]{0,6}(?:出不来|出不去)|(?:被)?困住了|(?:被)?(?:堵|困)在(?:了)?(?:屋里|家里|房间|楼上|楼里)|(?:堵|困|关|锁|压|卡|憋)在(?:了)?(?!小区|单位|公司|学校|机场|车站|火车站|外地|老家|北京|国外|酒店|宾馆|两个部门)[^，,。]{1,8}?(?:出不(?:来|去)|动不了)|(?:孩子|小孩|老人|人|我|他|她)[^，,。]{0,3}(?:在|困在|关在|锁在)里(?:面|头)[^，,。]{0,3}出不(?:来|去)|爬不(?:出来|上来)|(?:头|手|脚|腿|胳膊|身子)卡在|(?<!机)(?:头|手|脚|腿|胳膊|身子|脑袋)(?:被)?卡(?:进|到)?(?:了)?[^，,。]{0,6}(?:里|缝)|(?:被)?(?<![保行证信用饭员交禁])卡在(?!那|这|哪|手)[^，,。]{0,6}(?:里|中|缝)(?![^，,。]{0,3}吗)|(?:被)?困在(?!小区|单位|公司|学校|机场|车站|火车站|外地|老家|北京|国外|酒店|宾馆|家里)[^，,。]{1,8}?(?:里|上|中|下|了)|被困(?:在)?(?:了)?[^，,。]{0,6}?(?:山|崖|岛|河|水中|楼顶|天台|井|洞|隧道|矿|电梯|火场|废墟)|(?:山|长城|崖|峭壁|树上|房顶|楼顶|屋顶|坡上|塔吊|脚手架|礁石|河心|沙洲|孤岛)[^。]{0,16}(?:下不来|下不去|上不去|上不来|走不出|出不去|回不来)|迷路[^。]{0,16}(?:天(?:都|已经|快|全|马上)?(?:要)?黑|下不(?:来|去)|出不(?:来|去)|走不出)|(?:山里|山上|野山|林子里|沙漠|戈壁)[^。]{0,8}迷路|(?:卡|夹|钻|伸|卷)(?:在|进)[^，,。]{0,8}(?:拔不出|抽不出|出不来|拿不出|退不出)|拔不出来了/g,
    unless: new RegExp(`车位|停车|挪车|车被|门禁|车(?:子)?(?:上|下|开)不|钥匙|手机|钱包|证件|${NOT_TRAPPED.source}`),
    unlessInMessage: NOBODY_INSIDE,
  },
  {
    // Shut in without the lexicon's words: 被关里边了, 门打不开出不来, 在屋里出不来.
    situation: 'lockedIn',
    // Round 8: 给关里头, 孩子困里边了, 被锁在地下车库设备间里, 被关在学校器材室了, a room named and 出不去 a clause later
    // (我在车库里 卷帘门落下来了 出不去了), a broken lock and 出不来 further on.
    pattern: new RegExp(
      `(?:被|给|让)(?:困|关|锁|堵)(?:在)?(?:了)?(?:里面|里头|里边)|(?:困|关|锁)(?<=(?:${PERSON}|人|我|他|她)(?:们)?(?:给|被|让)?[困关锁])(?:在)?(?:里面|里头|里边)|(?:关|锁|困)在里边|被(?:关|锁)在(?:了)?[^，,。\\s]{1,10}?(?:里|了)|(?:在|困在|关在|锁在)(?:屋|房间|卧室|厕所|卫生间|浴室|阳台|储藏室|车库|地下室|仓库|库房|冷库|设备间|器材室|办公室|教室|机房|地窖)(?:里|里面|里头|里边)?[^。]{0,16}?出不(?:来|去)(?![玩吃买逛办]|上班|溜达)|(?:门|锁)[^，,。\\s]{0,3}(?:打不开|开不了|开不开|拧不开)[^。]{0,10}?出不(?:来|去)`,
      'g',
    ),
    unless: new RegExp(`车位|停车|挪车|车被|车子被|门禁|车(?:子)?(?:上|下|开|出)不|(?:钥匙|手机|钱包|证件|东西)被|${NOT_TRAPPED.source}`),
    unlessInMessage: NOBODY_INSIDE,
  },
  {
    // Lost in the hills without 迷路 (后山转悠找不着道了 天黑透了).
    situation: 'lockedIn',
    pattern:
      /(?:找不(?:着|到)(?:[^，,。]{0,3}的)?(?:道|路)|转向了|走不出去)[^。]{0,12}(?:天(?:都|已经|快|全|马上)?(?:要)?黑|下不(?:来|去)|出不(?:来|去))|(?:山里|山上|后山|野山|林子里|沙漠|戈壁)[^。]{0,8}(?:找不(?:着|到)(?:[^，,。]{0,3}的)?(?:道|路)|转向了)/g,
    requires: /山|林|野|沟|长城|峡谷|戈壁|沙漠|河滩|景区|荒/,
  },
  {
    // A limb caught that will not come out (胳膊伸到栏杆缝里卡住了 拽不出来), someone in a pit or a cellar who
    // cannot climb up (他在地窖里头…上不来); not a car in a ditch.
    situation: 'lockedIn',
    pattern:
      /(?:手(?!机|续|表)|脚|腿|胳膊|脑袋|(?<![钻枕插龙码镜笔])头|身子|指头)[^。]{0,8}卡[^。]{0,10}(?:拽|拉|抽|弄|掏|拔)不出来|(?:手(?!机|续|表)|脚|腿|胳膊|脑袋|(?<![钻枕插龙码镜笔])头|身子)[^。]{0,3}(?:伸|钻|卡|塞|夹)(?:进|到|在)[^。]{0,8}?(?:卡住|卡主|出不来|拔不出|拽不出|抽不出)|卡(?:住|主)(?:了)?[^。]{0,3}(?:出不(?:来|去)|拔不出|拽不出|动不了)|(?:井|坑|地窖|窖|沟|洞|下水道|化粪池|矿井?)(?:里|底|下)(?:头|面|边)?[^。]{0,12}(?:上不来|出不来|爬不上来|爬不出来)/g,
    unless: new RegExp(`车|轮|${NOT_TRAPPED.source}`),
  },
  {
    // Stranded on a mountain, on ice or an island in a river, with night, an injury or rising water (我在山顶上崴了脚
    // 动不了 天快黑了, 冰面上 冰都裂了 他不敢动); not tired legs (爬山爬得腿走不动了).
    situation: 'lockedIn',
    pattern:
      /(?:山顶|山上|山里|后山|野山|长城|崖|峡谷|沟里|冰面|冰上|沙洲|河心|孤岛|礁石)[^。]{0,16}?(?:下不(?:来|去)|上不(?:去|来)|动不了|走不了|走不动|不敢动|出不(?:去|来)|回不(?:来|去)|找不(?:着|到)[^，,。]{0,4}路|冰(?:面)?(?:都|已经)?(?:裂|塌|破)(?:了|开))/g,
    requires: /天(?:都|快|已经|马上|全)?(?:要)?黑|崴|摔|伤|没电|冷|迷路|不敢动|水(?:涨|急|大)|涨水|裂/,
    unless: /爬得|累得/,
    // A hazard complained of (冰面上好多人滑冰 冰都裂了也不管).
    unlessInMessage: /不管|没人管/,
  },
  {
    // Fallen into a drain, a well, a pit; not a thing dropped into one (钥匙掉下水道里了) nor a wheel stuck in a ditch.
    situation: 'lockedIn',
    pattern:
      /(?:掉|摔|跌|栽|陷|滑)(?:(?:进|到|下|入)(?:了)?[^，,。]{0,6}?|了)?(?:井|坑|沟|洞|(?<!冰)窟窿|下水道|化粪池|地窖|粪坑)(?:里|中|下)?/g,
    unless: LOST_OR_STUCK,
  },
  { situation: 'lockedIn', pattern: /掉(?:进|下)去了/g, requires: /井|坑|沟|洞|窟窿|下水道|化粪池|地窖/, unless: LOST_THING },
  {
    situation: 'shock',
    pattern:
      /触电|(?:被|给|让)电(?:到|了|击|着|得|打|倒|麻|趴|晕)|电(?:到|着|倒|麻|趴下|晕)了|电击|让电(?:打|电)了|(?:碰|摸|抓|踩)(?:到|了|着)?[^，,。]{0,4}(?:电线|电门|高压线|电闸|插座|电箱)[^。]{0,8}(?:倒|不动|没反应|叫不醒|弹开|麻)/g,
  },
  {
    situation: 'liveWire',
    pattern:
      /漏电(?!保护)|带电|(?:电线|电缆|高压线)[^，,。]{0,6}(?:掉|断(?!电|网)|垂|耷拉|落(?!实)|冒火|打火|刮(?:下|断|掉|倒)|吹(?:下|断|掉)|搭在|泡在|躺在|横在)|(?:掉|断|落)[^，,。]{0,4}(?:电线|电缆|高压线)|电线杆[^，,。]{0,4}(?:倒|断)|冒火花|打火花|电火花|火花四溅|(?:冒|打|直冒)火星|火星子|(?:电闸|开关|插座|电表|电箱)[^，,。]{0,4}(?:打火|滋滋|噼啪)/g,
    unless: /剪|拆|摘除/,
  },
  {
    // Something fallen or leaning on the wires: a tree, a pole, a fishing rod (大树歪了 压在电线上了).
    situation: 'liveWire',
    pattern:
      /(?:压|搭|挂|靠|砸|倒|歪|缠)(?:在|着|到)(?:了)?(?:电线|电缆|高压线)|(?:树|树枝|树杈|杆子|竿)[^，,。]{0,4}(?:压|挂|搭|缠)着(?:电线|电缆|高压线)/g,
    requires: /树|杆|竿|牌|架|棚|墙|塔吊/,
    unless: /剪|拆|摘除/,
  },
  {
    // A wire lying in water, said in the clause after the one that names it.
    situation: 'liveWire',
    pattern:
      /(?:耷拉|泡|躺|搭|掉|落)(?:在|到|进)(?:了)?[^，,。]{0,8}(?:水坑|积水|水里|水洼|水中|水塘)|(?:积水|水坑|水里|水中)[^，,。]{0,4}(?:有|泡着|躺着)(?:一)?(?:根|条)?(?:电线|电缆|高压线)/g,
    requires: /电线|电缆|高压线/,
  },
  {
    // Someone about to jump, wherever they stand (有人要跳下去, 人要跳了, 站在栏杆外面): not 跳绳, 跳舞, 跳槽.
    situation: 'selfHarm',
    pattern:
      /(?:有人|人|他|她|小伙子|小伙|姑娘|男的|女的|孩子|老人|大爷|大妈|学生)[^，,。]{0,6}(?:要|想|准备|打算)(?:从[^，,。]{1,6})?(?:往下)?跳(?:下去|下来|了|楼|桥|河)(?!绳|舞|槽|高|远|水|伞)|(?:站|坐|爬)(?:在|到)[^，,。]{0,6}(?:栏杆|护栏)(?:外面|外边|外头|上)/g,
    unless: /[累烦气热忙笑吵愁穷困闹]得|只有|不至于|视频|电视|电影|游戏/,
  },
  {
    situation: 'selfHarm',
    pattern:
      /跳楼(?!价|甩卖)|跳河|跳江|寻死(?!觅活)|不想活了|割腕|(?<!慢性)自杀|(?<!年)轻生|寻短见|服毒|喝农药|吃了(?:很多|一瓶|好多)?安眠药|上吊|烧炭|要往下跳|(?:楼顶|天台|窗台|阳台|窗户|桥上|桥边|护栏|楼边|房顶)[^。]{0,10}(?:要|想)(?:往下)?跳|想不开/g,
    unless: /[累烦气热忙笑吵愁穷困闹]得|只有|不至于/,
  },
  { situation: 'drowning', pattern: /溺水|落水(?!洞)|掉(?:进|到|入)?(?:了)?冰窟(?:窿)?|掉(?:进|到)?(?:河|湖|水|池|井)里|掉进(?:河|湖|水|井)|掉(?:进|到|入)(?:了)?[^，,。]{0,4}(?:塘|水库|冰窟窿|冰窟|冰面|江|海)|冰面[^，,。]{0,3}(?:塌|裂|破)了|(?:水里|河里|湖里|塘里)[^，,。]{0,6}(?:扑腾|往下沉|沉下去|喊救命)|沉下去了/g, unless: /就像|好像|如同|犹如|仿佛/ },
  { situation: 'medical', pattern: /见红|破水|羊水(?:破|流)|(?:肚子|下身|下腹)[^，,。]{0,4}(?:疼|痛)(?:得)?(?:厉害|受不了|不行|直冒汗)|(?:下身|下面)(?:流血|出血)|(?<!今年|明年|月份?|年底|孕|胎)(?:要|快)生了|生(?:在|到)(?:车上|路上|半路)/g, requires: PREGNANT },
  // 腿断了 and 摔断 are also said of chairs and beds.
  { situation: 'medical', pattern: SYMPTOMS, unless: new RegExp(`${NOT_NOW_ILLNESS.source}|椅|桌|床|凳`), unlessInMessage: WORK_INJURY_CLAIM },
  {
    situation: 'medical',
    // A work injury being claimed (老板不给报工伤), in any clause, happened before.
    unlessInMessage: WORK_INJURY_CLAIM,
    pattern:
      /晕倒|昏倒|云倒(?!影|映)|(?<![绕搞弄转看听得])(?:晕|昏)到(?:在|了|地|啦|咯)|昏迷|背过气|(?:厥|撅)过去|晕过去|昏过去|叫不醒|没(?:有)?了?(?:呼吸|意识|心跳|知觉)(?!到|机)|不省人事|抽搐|口吐白沫|心脏病(?:犯|发作)|心梗|脑梗|中风(?!后|偏瘫|病|患者|多)|喘不上气|喘不过气|呼吸困难|噎住|卡住(?:喉咙|嗓子)|脸(?:都)?(?:紫|青)了|大出血|流(?:了)?(?:好多|很多|一地|不少)?血(?!汗|泪)|头破血流|扶不起来|爬不起来|起不来(?!床)|从[^，,。]{0,8}(?:摔|掉|跌)下来|坠楼|被(?:车|汽车|电动车|货车|卡车|出租车)撞|撞伤|骨折|说不出话|半边身子|一动不动|烫伤|烧伤|被狗咬|咬伤|受(?:了)?重伤|伤得很重|快不行了|人不行了|胸口疼|胸痛|心口疼|心绞痛|满头大汗|误服|误食|吞(?:了|下)[^，,。]{0,4}(?:药|硬币|电池|磁|纽扣|钉)|吃了(?:一整|一|整|半)?(?:板|瓶|盒|把)[^，,。]{0,4}(?:药|片|丸|胶囊)|(?:腿|胳膊|身子|人)(?:都)?(?:动不了|不能动)|摔倒[^。]{0,12}(?:反锁|打不开|叫不应|没动静)/g,
    unless: NOT_NOW_ILLNESS,
  },
  {
    situation: 'heatingPipe',
    pattern: /暖气(?:管|片|管道|管子)?[^，,。]{0,4}(?:爆|裂|崩)|暖气[^，,。]{0,4}(?:喷水|呲水|滋水)|热力(?:管道|管线|管网|管子|管|井)?[^，,。]{0,4}(?:爆|裂|崩)/g,
  },
  {
    // Hot water gushing from a heating main or well (热力井冒大白气 热水往外涌); not a water heater.
    situation: 'heatingPipe',
    pattern: /热水(?!器|壶|袋|澡|卡|费)[^，,。]{0,4}(?:往外|哗哗|呼呼|直|到处)(?:地)?(?:喷|涌|冒|呲|滋|流|淌)/g,
    requires: /暖气|热力|供暖|管/,
  },
  {
    situation: 'burstPipe',
    pattern:
      /(?:自来水管|水管子?|上水管|主水管|供水管|主管道|水管道|总阀|水龙头|(?:自来水|供水|上水)总管|水总管|总水管|干管|水表(?!箱))[^，,。]{0,4}(?:爆|裂|崩|断|炸|破了|脱了|冲开)|(?:马路|路)上[^，,。]{0,6}(?:管道?|管子)[^，,。]{0,4}(?:爆|裂|崩|炸)|(?:水管|管子|管道|水表|阀门)[^，,。]{0,4}(?:喷水|呲水|滋水|往外(?:喷|冒|涌|呲|滋)水?|水柱|(?:窜|蹿|喷|呲|滋|涌)出(?:了)?水)|水[^，,。]{0,4}(?:冲|喷|呲|滋|窜|蹿|冒)(?:得|起)(?:老高|好高|很高|一人多高|比人(?:还)?高|跟喷泉|几米)|水[^，,。]{0,6}(?:窜|蹿|喷|冲|滋|呲|冒)(?:得|起|出)?(?:了)?(?:好|老|有)?(?:[一二两三四五几]|十几)(?:米|人)多?高/g,
  },
  {
    // A tap or a pipe that will not close, and water running (not a drip: 水龙头一直滴答).
    situation: 'burstPipe',
    pattern: /(?:水管|水龙头|阀门|管子|总阀)[^，,。]{0,6}(?:关不(?:上|住|掉)|拧不(?:上|紧|住|动))|(?<![泪口汗血])水(?:止|堵|关|捂)不住/g,
    unlessInMessage: /滴/,
  },
  {
    situation: 'rising',
    pattern:
      /(?:屋里|家里|屋|房子|房间|客厅|卧室|厨房|地下室|村里|小区|楼里|院里|院子)[^，,。]{0,6}(?:进水(?!管|口|阀|端)|灌水|淹了|被淹|水淹|返水|倒灌)|(?:已经)?淹到(?:了)?(?:我)?(?:家|屋|客厅|卧室|厨房|床)|(?:屋里|家里|屋|房间|客厅|卧室|厨房|地下室|楼道|一楼)[^，,。]{0,6}(?:(?:一脚|一尺|半米|齐腰|齐膝)深|没(?:过)?(?:了)?脚(?:面|脖子|踝))|被(?:大|洪)?水?冲倒|连(?:人带车|车带人)|水[^，,。]{0,4}(?:往(?:屋|家|楼|屋子)里(?:灌|流|涌|漫|进)|(?:灌|涌|漫|流|冲)进(?:了)?[^，,。]{0,4}?(?:屋|家|院|楼|房|门|室|库|小区|村|客厅|卧室|店|厅|单元)|漫(?:到|过|上来)|还在涨|淹到|(?:已经)?没过(?:膝盖|腰|脚踝|大腿|车轮))|往(?:屋|家|楼|屋子|房)里(?:灌|涌|漫|进)|水[^，,。]{0,6}(?:到|齐|没过|淹过|漫过|淹没)(?:了)?(?:腰|膝盖|大腿|胸口|胸|脖子|小腿|车窗|车顶|半个车|轮胎)|地下(?:车库|室)[^，,。]{0,6}(?:进水|淹|灌水)|水(?:越来越|一直(?:在)?|还在|不停地?)(?:涨|往上涨)|(?:河水|水位|江水|湖水|水)[^，,。]{0,4}(?:一下子|突然|猛地|哗地)(?:就)?(?:涨|暴涨|漫)(?:起来|上来)了|被(?:大)?水(?:困|围)|(?:冲走|卷走)了|堤(?:坝)?(?:决口|溃|垮)|溃坝|(?<![防抗])洪水(?!猛兽|多发|重灾|期|季)|决堤|漫上来|山洪|泥石流|(?:车|人)[^，,。]{0,4}被(?:水)?淹|被水冲走|困在水里|水里有人/g,
  },
  {
    // Drains backing up into a home or a yard (下水道往外翻水 院子里已经漫到门槛了, 地漏往上冒水 已经流到客厅了), and water
    // rising that is about to come in (水眼看就要进屋了 还在往上涨).
    situation: 'rising',
    pattern:
      /(?:下水道|地漏|马桶|下水井|污水井|化粪池|雨水井|井盖|下水口)[^，,。]{0,4}(?:往外|往上|往屋里|倒)?(?:翻|冒|涌|返|窜|溢|喷|漾)(?:水|污水|出来|上来)|(?:水|雨)[^。]{0,12}(?:就要|快要?|马上(?:就)?(?:要)?)(?:进屋|进家|进门|漫进|灌进)|(?:还在|一直在|不停地?)往上涨/g,
    requires:
      /(?:进|到|流到|漫到|淹到|灌进|涌进|漫进)(?:了)?[^，,。]{0,3}(?:屋|家|客厅|卧室|院|门槛|床|厨房)|(?:屋里|家里|院里|院子里|客厅|卧室|厨房)[^，,。]{0,4}(?:全|都)是(?:污)?水|满地|一地|进屋|水[^。]{0,12}往上涨/,
    unless: /价|钱|工资|费|股|房租/,
  },
  {
    situation: 'leakFromAbove',
    pattern: /漏水(?:特别|很|非常|太)?(?:大|严重|厉害)|(?:漏|流|浇|灌)(?:水)?(?:跟|像)(?:下雨|瀑布|水帘|泼水)|水(?:从|顺着|沿着)(?:灯|插座|电表|天花板|吊顶|开关|电线)[^，,。]{0,4}(?:往下|流|滴|冒|淌)/g,
    // A leaking roof, basement or wall is a building's defect, not water pouring from the flat above.
    unless: /屋顶|房顶|楼顶|顶楼|顶层|车库|地下室|外墙|墙体|屋面|窗|房屋|(?<![跟像])下雨|雨水|开发商/,
  },
  {
    situation: 'missing',
    pattern: new RegExp(
      `${PERSON}(?!的)[^。！!？?]{0,20}?(?:走丢|走失|失踪|失联|不见了|找不(?:到|着)(?:人)?(?:了)?${END}|没回(?:家|来)|联系不上|跟丢|走散|没找(?:到|着)(?:人)?${END}|找遍了|到处(?:都)?找|没到(?:家|学校|单位|公司)?${END}|(?:一夜|一宿|一晚上|一整天|一天一夜)(?:都|也)?没回|彻夜未归|(?:还|也|都)?不见回(?:来|家)|(?:跑|溜|走)出去(?:了)?(?:一整天|一天|大半天|半天|一宿|一夜|一上午|一下午|一晚上|好几个小时|几个小时|两天)|(?:一转眼|一眨眼|一回头|一扭头|一转身|转眼|眨眼)(?:的)?(?:功夫|工夫)?(?:人|他|她)?(?:就)?(?:没了|不见了|没影了|找不(?:着|到)了)|没(?:有)?(?:消息|音信)|音信全无|杳无音信|离家出走|下落不明|不知(?:道)?去(?:哪(?:了|儿了)|向)|被(?:人)?(?:抱走|带走|拐走|拉走)|没见(?:着|到)?人|不见人(?:影)?|(?:没|不见)(?:了)?影(?:儿)?了|人影(?:都|也)?没|没露面|(?:就|给|弄|也)?丢了${END}|说(?:他|她)?没(?:来|去|到)(?:过)?)|(?:走丢|走失)的(?:小孩|孩子|老人)|人没了${END}`,
      'g',
    ),
    unless: new RegExp(`警察|派出所|公安|${LOST_THING.source}`),
  },
  {
    // Round 8: gone in a moment said with the moment first (上个厕所的功夫人就没了), out and not back (出去遛弯 到饭点
    // 还没回), collected by someone nobody sent (老师说早让人接走了 可我们家根本没人来接), left alone and not at home
    // (说孩子自己走了 家里也没有), not come out of school and not seen (没出校门 老师也说没看见).
    situation: 'missing',
    pattern: new RegExp(
      `(?:功夫|工夫|一会儿|会儿|转眼|眨眼|回头|扭头|转身)(?:的)?(?:功夫|工夫)?(?:人|他|她|孩子|小孩)?(?:就)?(?:没了|不见了|没影了|没影儿了|找不(?:着|到)了)|(?:出去|出门|遛弯|溜达|散步|上学|放学|下班|买菜|玩)(?<=${PERSON}(?!的)[^。！!？?]{0,20}(?:出去|出门|遛弯|溜达|散步|上学|放学|下班|买菜|玩))[^。！!？?]{0,10}?(?:还|都|也)?没回${END}|(?:让人|被人|被|给人|叫人)接走了|(?:自己|早就?)走了[^。]{0,8}(?:家里|家|哪儿?)(?:也|都)?(?:没有|没人|不在|没回|找不)|没出(?:校门|学校|幼儿园|教室)(?<=${PERSON}(?!的)[^。！!？?]{0,12}没出(?:校门|学校|幼儿园|教室))[^。]{0,10}说(?:他|她)?没(?:看见|看到|见着|见到)(?:人|过)?${END}`,
      'g',
    ),
    // A person named anywhere; the cheap test for the verbs first.
    requires: new RegExp(`^(?=[^]*?(?:没了|不见了|没影|找不|没回|接走了|走了|没出))[^]*?${PERSON}`),
    unless: new RegExp(`警察|派出所|公安|医院|抢救|去世|送到|${LOST_THING.source}`),
    // Collected by family (被她姥姥接走了), or an absence not worried about (出去买菜还没回 估计在聊天呢).
    unlessInMessage:
      /(?:被|让人|给人|叫人)接走了(?![^。]{0,20}(?:没(?:人)?(?:来|去)?接|谁(?:都|也)没|没让|没托|不是我))|估计|不用(?:管|担心)|应该(?:是|在)|加班/,
  },
  {
    // A phone that goes unanswered counts only with an absence (到现在, 没回来, 医院说她没来).
    situation: 'missing',
    pattern: new RegExp(`${PERSON}(?!的)[^。！!？?]{0,24}?(?:电话|手机)(?:也|都|还|一直)?(?:不接|没人接|打不通|关机)`, 'g'),
    requires: /到现在|一整天|一天了|一宿|一夜|几个小时|半天|没回|没来|没到|没去|失联|没见/,
    unless: /警察|派出所|公安/,
  },
];

// Filters, read in the clause of the signal (and the one before it, where time is usually set).
const PAST =
  /上周|上星期|上礼拜|上个?月|去年|前年|前天|昨天|昨晚|上次|上回|之前|以前|曾经|那次|当时|(?<![晕昏倒走跑冲扑赶抽])过去|前几天|前些天|前段时间|前阵子|前一阵|前些日子|前几年|小时候|年轻时|出院|住院期间|当年|那年|多年前|几年前|有一次|有一回|那天|那晚|事发|事后|后来|当天|当晚|此前|曾(?!经)|(?:19|20)\d{2}年|\d{2}年\d{1,2}月|\d{1,2}月\d{1,2}[日号]|\d{1,2}月(?:份|初|中旬|下旬|底)|[元正一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]/;
// (Not 有过敏 nor 打过120: an allergy and a call just made are not a danger over.)
const DONE_BEFORE = /(?:着|起|失|淹|困|丢|摔|爆|漏|破|断|裂|塌|砸|撞|烧|烫|走失|走丢|出现|发生|遇到)过|打过(?!1[12][09]|电话)|有过(?!敏)/;
// An account of what happened and what it caused, as letters tell it (因厨房起火, 遭到殴打, 造成骨折).
const ACCOUNT = /导致|致使|造成|以致|引起|引发|遭(?!殃|了)|(?<![原基起])因(?!为|素|此|而)/;
const ONGOING = /再(?:也)?没|还没(?:回|有消息|找到|联系上)|现在|正在|还在|刚才|刚刚|一直|到现在|至今|快来|赶紧|马上|救命/;
const AGAIN = /又|再次|再一次/;
// An absence that began last night still lasts (我闺女十五岁 昨晚没回家 电话关机).
const LAST_NIGHT = /昨(?:天)?(?:晚|夜|天夜里)|昨天(?:下午|傍晚)|前天晚上|一宿|一夜/;
const HYPOTHETICAL =
  /如果|要是|万一|假如|假设|一旦|一但|会不会|(?<![害好可])怕|担心|早晚|迟早|容易|可能(?:会|引发|导致|造成|引起|发生)|(?:都|极)有可能|随时(?:都)?(?:可能|会)|可能性|非要|非得|将会|哪天|什么时候会|时间问题|不堪设想|风险|极易|的话|若是|倘若|非(?:要|得)等|难道要等|一定要等|是不是要等|等到[^，,。]{0,10}(?:才|再)|明年|下个?月|小心|防止|预防|防范|演习|演练|隐患|报警器|灭火器|逃生|预案|差点|险些|以防|防走失|安全(?:检查|教育|知识)|培训|宣传|新闻|视频|报道|电影|电视剧|剧里|小说|游戏里|动画片|节目|听说|据说|网上说|全国|各地|全世界|抖音|快手|直播|微博|朋友圈|王者|吃鸡|和平精英|原神|我的世界|剧本杀|密室逃脱|副本|开黑|队友|剧情|一(?:着火|起火|漏气|下雨)|就完了|会出事|要出事|出人命/;
const MONTHS = '(?:好|几|两|三|四|五|六|半)(?:几)?个(?:多)?月|半年|一年多?|(?:好)?几年|多年';
const HABITUAL =
  /最近(?!的)|这段时间|老毛病|经常|总是|老是|天天|每天|每晚|每周|每次|三天两头|(?<!一)动不动|多次|屡次|屡屡|频繁|频频|时常|常常|很少|偶尔|有时|时不时|近(?:几)?年|这(?:两|几)年|常年|长年|长期|历年|多年|(?<!一)整天|成天|日夜|反复|时有发生|不时|隔三差五|接二连三|此起彼伏|每年|每月|每逢|每当|一到(?:晚上|夜里|半夜|下雨|雨天|冬天|夏天|春天|周末|节假日)|(?:多|几|好几|十几|数)(?:次|起)|\d+次|现象|老爱|总爱|老有人|总有人|常有人|照样|照旧|依旧|[两二三四五六七八九十]次|第[一二三四五六七八九十两\d]+次/;
const MONEY = /费|价格|多少钱|充值|缴|报销|补贴|开户|报装|读数/;
const ANIMAL = /猫|狗|宠物|鸟|鹦鹉|兔子/;
const ANIMALS = new RegExp(ANIMAL.source, 'g');
const PERSON_RE = new RegExp(`${PERSON}|人|我`);
// An owner named only as the pet's (我家的猫, 邻居家狗) is not a person in danger.
const OWNER = /(?:我|你|他|她|邻居|别人|谁|人|楼上|楼下|对门)(?:们)?家(?:的)?|(?:我|她|他|邻居|别人|人家|楼上|楼下|对门)的/g;
// An animal that bites a person (被狗咬了) is the danger, not the one in danger.
const ANIMAL_BITES = /(?<!猫|狗|鸟|猴|兔|宠物)被[^，,。]{0,4}(?:狗|猫|猴子?|蛇)(?:给)?(?:咬|抓|挠)/;
// A guess about the cause of a bill (电费这么高，是不是漏电了) is about money, not danger.
const GUESS = /是不是|会不会|难道|吗|[？?]/;
// A general question (请问…应该打哪个电话) rather than a report, unless something says it is happening now.
const ASKING = /挂(?:哪个|什么)科|请问|想问|问一下|问问|咨询|想了解/;
const URGENT = /现在|正在|还在|刚才|刚刚|突然|快来|赶紧|马上|救命|怎么办|急/;
// An insurance claim is asked about after the event.
const INSURANCE = /保险|理赔|保单|赔付/;
// The whole message: thanks for help already given, or a complaint about how it was handled.
const SETTLED =
  /找回了|找到了|已经(?:找到|回来|灭了|扑灭|修好|处理|救出|送医|没事)|送回|救出来了|(?<!灯(?:也|都|全)?)灭了|扑灭了|没事了|脱险|找着了|才回来|(?:歇|缓|躺|坐)(?:了)?(?:一)?会儿?(?:就)?好了|缓过来了|好多了|已经(?:叫|找|联系|喊)了?(?:开锁|物业|师傅|维修)|感谢|谢谢|点赞|表扬|劝开|劝住了|拉开了|已经散了|没个说法|不赔|不管不问|无人管|无人问津|无人过问|(?:警察|民警|派出所的?(?:人)?|消防(?:车|员)?|救护车|120)(?:也|都|已经)?(?:来了|到了)|(?:学校|物业|单位|医院|商家|公司)(?:也)?不管|(?:一直|到现在|还|也)(?:没|不)(?:处理|赔|解决|给说法)/;
// A chat message that starts as a complaint and turns to a danger now (本来是要投诉物业不管事的，结果现在地下室冒烟了);
// a letter's 但是现在 is its argument, not a turn.
const TURN_TO_NOW = /(?:结果|但是|可是|不过|谁知|没想到|就在)[^，,。]{0,3}(?:现在|刚才|刚刚|突然)|快派|赶紧派|快来人|救命/;
// Time set by the next clause: 有人打架斗殴 上周的事.
const TOLD_AFTER = new RegExp(`^[，,\\s]*(?:${PAST.source})[^，,。]{0,3}(?:的事|发生的|那次)`);
const ABOUT_IT_AFTER = /^(?:的事|的事情|事件|的问题|的情况|的那栋|的那次|的视频|的新闻|的报道|的照片|的图片|的帖子|的那场|的那起|事故)/;
// A danger standing for months is a report (树枝压着电线 好几个月了没人管).
const LASTING_AFTER = new RegExp(`^[，,\\s]*(?:这|都|已经|有|快)*(?:${MONTHS})(?:多)?了`);
// A hazard or a nuisance that has lasted days (树歪了好久了 压在电线上, 漏水跟下雨一样 滴滴答答好几天了); not said of
// people, whose absence or illness may last and still be urgent.
const LASTING = new RegExp(`(?:${MONTHS}|好久|很久|好几天|好些天|好些日子|几天|[两三四五六七八九十]天)(?:多)?了`);
// Chat messages use a space where writing uses a comma (救命 着火了).
const CLAUSE_BREAK = /[，,。！!？?；;\s]/;
// A long message is a letter: complaints, petitions, accounts of what happened. Someone in danger writes
// a line or two, so in a long message a signal counts only when its own clause says it is happening now.
const LONG_MESSAGE = 150;
const NOW = /(?<![浮出体表实发呈展])现在(?!住|的|是|这个|社会)|正在|还在|刚才|刚刚|快来|赶紧|马上|救命|求救|快(?:点|救|报警|叫)|此刻/;

function clauseAround(text: string, start: number, end: number): { clause: string; before: string; s: number; e: number } {
  let s = start;
  while (s > 0 && !CLAUSE_BREAK.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !CLAUSE_BREAK.test(text[e]!)) e++;
  let p = s > 0 ? s - 1 : 0;
  while (p > 0 && !CLAUSE_BREAK.test(text[p - 1]!)) p--;
  return { clause: text.slice(s, e), before: text.slice(p, Math.max(p, s - 1)), s, e };
}

/** The clause after the one ending at `end` (a break character or the end of the text). */
function nextClause(text: string, end: number): string {
  let s = end;
  while (s < text.length && CLAUSE_BREAK.test(text[s]!)) s++;
  let e = s;
  while (e < text.length && !CLAUSE_BREAK.test(text[e]!)) e++;
  return text.slice(s, e);
}

// A signal just after a denial (无水管爆裂, 没着火, 不冒烟了, 没有人受伤), but not a question (是不是着火了).
const DENIED = /(?:无|没有|没|(?<!是)不是|并非|并未|未|不|没(?:有)?人|无人)$/;
const BODILY = ['medical', 'missing', 'lockedIn', 'drowning'];
const ILLNESS = ['medical', 'carbonMonoxide'];

function happeningNow(text: string, signal: Signal, start: number, end: number, long: boolean): boolean {
  if (signal.requires && !signal.requires.test(text)) return false;
  if (signal.unlessInMessage?.test(text)) return false;
  if (ABOUT_IT_AFTER.test(text.slice(end))) return false;
  if (DENIED.test(text.slice(Math.max(0, start - 4), start))) return false;
  const { clause, before, s, e } = clauseAround(text, start, end);
  const context = before + clause;
  if (TOLD_AFTER.test(text.slice(e, e + 12)) || LASTING_AFTER.test(text.slice(e, e + 12))) return false;
  // In a letter, "now" must be said around the signal, not by it (喊救命 is not itself a 救命).
  if (long && !NOW.test(before + text.slice(s, start) + ' ' + text.slice(end, e))) return false;
  if (signal.unless?.test(signal.unlessNear ? context : clause)) return false;
  // Over: in this clause, or told in the one before (上个月着过火，楼道到现在还有焦味) unless it is happening again.
  if (DONE_BEFORE.test(clause) || (DONE_BEFORE.test(before) && !AGAIN.test(clause))) return false;
  if ((PAST.test(context) || ACCOUNT.test(context)) && !ONGOING.test(clause) && !(signal.situation === 'missing' && LAST_NIGHT.test(context)))
    return false;
  if (HYPOTHETICAL.test(context) || MONEY.test(clause)) return false;
  if (HABITUAL.test(clause) || (HABITUAL.test(before) && !ONGOING.test(clause))) return false;
  if (!BODILY.includes(signal.situation) && LASTING.test(context + ' ' + nextClause(text, e))) return false;
  if (MONEY.test(before) && GUESS.test(clause)) return false;
  if (ILLNESS.includes(signal.situation) && BLAMED_ON.test(context)) return false;
  // About an animal: the clause names one and no person; or the message does, with owners only.
  const aboutAnimal =
    (ANIMAL.test(clause) && !PERSON_RE.test(clause.replace(ANIMALS, '').replace(OWNER, ''))) ||
    (ANIMAL.test(text) && !PERSON_RE.test(text.replace(ANIMALS, '').replace(OWNER, '')));
  return !(aboutAnimal && !ANIMAL_BITES.test(text) && BODILY.includes(signal.situation));
}

/** Situations found in already-normalised text, in priority order. */
export function findSituationsIn(text: string): Situation[] {
  const long = text.length > LONG_MESSAGE;
  // Cheap exits first: most long messages are letters with nothing said to be happening now.
  if (long && !NOW.test(text)) return [];
  if (SETTLED.test(text) && (long || !TURN_TO_NOW.test(text))) return [];
  if ((ASKING.test(text) || INSURANCE.test(text)) && !URGENT.test(text)) return [];
  const found: Situation[] = [];
  for (const signal of SIGNALS) {
    if (found.includes(signal.situation)) continue;
    // Conditions on the whole message first: cheaper than running the pattern (happeningNow reads them too).
    if ((signal.requires && !signal.requires.test(text)) || signal.unlessInMessage?.test(text)) continue;
    // exec on the shared global pattern rather than matchAll, which copies the pattern on every call.
    const pattern = signal.pattern;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0] === '') pattern.lastIndex++;
      else if (happeningNow(text, signal, m.index, m.index + m[0].length, long)) {
        found.push(signal.situation);
        break;
      }
    }
  }
  return found;
}

// Strong gas: a heavy smell, a broken pipe, someone dizzy. Then 119 too, not only the gas company.
const STRONG_GAS =
  /很浓|特别浓|味(?:道|儿)?(?:很|特别|非常|太|好|挺)?(?:大|浓|冲|重)|呛|整个(?:单元|楼|楼道|屋)|(?:管道?|管子|管线)[^，,。]{0,8}(?:断|破|爆)|呲呲|嘶嘶|哧哧|嗤嗤|冒气|喷气|头晕/;

// Traditional forms `fold.ts` leaves alone (changing it would change every model trained on folded text), folded
// here for the emergency rules only, one code unit to one, so indices stay those of the message.
const LOCAL_TRADITIONAL =
  '悶闷庫库腳脚臥卧擰拧騎骑縫缝夾夹沖冲滲渗賊贼廂厢轎轿彈弹霧雾礦矿遊游戲戏劇剧視视擔担隱隐頻频繳缴剛刚誰谁婦妇親亲駕驾喚唤繞绕懸悬墻墙齊齐灘滩島岛峽峡糞粪塗涂歸归絞绞攙搀掙挣';
/** Same length as the input, index for index; a message with none of these is returned as it is. */
const foldLocally = localFold(LOCAL_TRADITIONAL);

export function detectEmergencyIn(normalised: string): Emergency | undefined {
  const text = foldLocally(normalised);
  const situations = findSituationsIn(text).map((s) => (s === 'gas' && STRONG_GAS.test(text) ? 'strongGas' : s));
  const primary = situations[0];
  if (!primary) return undefined;
  const copy = EMERGENCY_COPY[primary];
  const call = [...copy.call];
  for (const other of situations.slice(1)) {
    for (const c of EMERGENCY_COPY[other].call) if (!call.some((x) => x.number === c.number)) call.push(c);
  }
  return { kind: copy.kind, call, advice: copy.advice };
}

/** The danger a message reports as happening now, with whom to call and what to do; else undefined. */
export function detectEmergency(text: string): Emergency | undefined {
  return detectEmergencyIn(normaliseForMatching(text));
}
