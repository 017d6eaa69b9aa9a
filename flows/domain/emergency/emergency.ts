/**
 * Danger to life or property happening now: fire, gas, violence, injury, someone trapped or missing,
 * flooding, live electricity. Such messages are not hotline business (110/119/120/96777 are), so the
 * router answers them before anything else with whom to call and what to do.
 *
 * Runs on every message, so it is a handful of regular expressions. A signal counts unless its clause
 * says it is over (上周着过火), hypothetical (如果着火了, 早晚得着火), habitual (经常走丢), about money
 * (燃气费), about safety equipment (报警器), or the message is thanks or a complaint about how an earlier
 * emergency was handled. A missed emergency costs more than a false alarm, but a false alarm on 燃气费太贵
 * makes the bot look foolish and buries the complaint, so the filters are narrow and clause-local.
 */
import { normaliseForMatching } from '../understand/fold.ts';
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
  '(?:孩子|小孩|儿子|女儿|闺女|宝宝|老人|老太太|老爷子|老头|老太|爸|妈|父亲|母亲|爷爷|奶奶|姥姥|姥爷|外婆|外公|老伴|老公|媳妇|妻子|丈夫|家人|婆婆|公公|岳父|岳母|丈母娘|老丈人|邻居|同事|朋友|工人|小伙子?|姑娘|女的|男的|大爷|大妈|阿姨|叔叔|娃|弟弟|妹妹|哥哥|姐姐|学生|舅舅|舅妈|姑姑|姑父|姨妈|姨夫|大伯|伯伯|叔|侄子|侄女|外甥|孙子|孙女|外孙|外孙女|表哥|表姐|表弟|表妹|室友|舍友|工友|伙伴)';
// People who may be hurt in the street but are not looked for when they fail to arrive (小哥找不到我家).
const PASSER = `(?:${PERSON}|人|他|她|我|小哥|骑手|外卖员|快递员|路人|行人|乘客|师傅|司机|店员|服务员|保安|老乡)`;
const EXHAUST = /排气管|尾气|烟囱/;
const GAS_WORD = /燃气|煤气|天然气|液化气|瓦斯|燃气灶/;

// Lexicons by kind of wording. Things that burn, and the verbs for catching fire or blowing up.
const BURNABLE =
  '(?:房子|屋子?|楼|车|电动车|电瓶车|电瓶|电池|充电宝|充电器|手机|厨房|窗帘|被子|床|沙发|柜子|衣服|仓库|库房|棚子?|草垛|草|树|山|林子?|杂物|垃圾(?:桶|堆)?|纸箱|线路|电线|插座|插线板|插排|排插|插头|电器|电视|冰箱|空调|微波炉|电热毯|电暖器|热水器|电表|电箱|配电箱|变压器|房顶|楼道|阳台|锅炉|煤气罐|液化气罐|店|饭馆|餐馆|工厂|厂房|平房|楼房|板房|彩钢房|大棚|工棚|车间|宿舍|出租屋|超市|商场|小卖部|铺子|门面|车库|院子|秸秆|麦秸|稻草|柴火|柴垛|草垛子|垛子|机房|油罐|加油站|货车|卡车|公交车?)';
const IGNITED = new RegExp(
  `${BURNABLE}[^，,。！!？?]{0,5}?(?:着了|着起来|燃起来|烧了起来|烧着|点着|被(?:人)?点(?:着|了)|引燃|冒火(?!花)|冒(?:出)?(?:了)?烟|炸了|爆炸|爆燃)|(?<!点不|打不)点着了|被(?:人)?(?:点着|点燃|放火|纵火)|有人(?:放火|纵火)|纵火|(?<![引])爆炸(?![头性案品])|大火|火(?:已经|都)?(?:窜|蹿|蔓延|烧)(?:到|上|过来|进)|火苗(?:子)?|噼里啪啦(?:地)?(?:烧|响)|走水了|(?:全|都|到处)是火|火海|冒(?:青|白)烟|(?:一股|有股|闻到)(?:子)?(?:烧)?焦(?:糊)?味`,
  'g',
);
// Symptoms by group: bleeding, unconscious, convulsions, stroke, chest, breathing, burns, poisoning, falls, injuries.
const SYMPTOMS = new RegExp(
  [
    '血(?:哗哗|呼呼|直流|一直流|往外(?:冒|流|涌|淌|喷)|淌了)|(?:头|脑袋|脑门|额头)[^，,。]{0,2}(?:磕|摔|撞|砸)破|(?:磕|摔|撞)破(?:了)?(?:头|脑袋)|头破了|(?:挨|中)了(?:[一几两]|好几)刀|(?:捅|砍|扎)了(?:他|她|我|人)?(?:[一几两]|好几)刀|吐血|咳血|呕血|吐了(?:好多|一口|一地)?血|(?:血|鼻血)(?:流|止)不住|止不住血|(?:满脸|满头|满身|一身|浑身|满地)(?:都)?(?:是)?血|血流(?:不止|了一地|满地)|出血(?:了|很多|不止)|流血了',
    `(?:${PERSON}|人|他|她|我)(?:突然|一下子?|直接|晕|就)?(?:倒(?:在)?地|倒在[^，,。]{0,5}(?:上|里|边|口|旁)|倒下(?:了|去了))|` +
      `叫(?:${PERSON}|他|她)(?:也|都|半天)?(?:都|也)?(?:没(?:有)?(?:反应|动静)|不答应|不应)|叫(?:了)?(?:也|都)(?:不答应|不应|没反应|没动静)|(?:两)?眼(?:睛)?发直|(?:${PERSON}|人|他|她)[^，,。]{0,8}?(?:突然|一下子?|当场|直接)?(?<![绕搞弄转看听])晕(?:了|倒|过去)|` +
      `(?:${PERSON}|人|他|她)[^，,。]{0,4}没(?:有)?反应了|叫不应|` +
      '人事不省|失去(?:了)?意识|昏厥|休克|翻白眼|(?:滑|瘫|出溜)(?:到|在)地上|叫[^，,。]{0,3}(?:不吭声|不出声|没声)|'+
      '(?:吃|喝)[^，,。]{0,8}(?:以后|之后|完)[^，,。]{0,4}(?:脸|嘴|嘴唇|嗓子|喉咙|全身|浑身|眼睛)(?:都)?肿|呼哧呼哧|喘(?:气)?[^，,。]{0,3}(?:费劲|困难|急)',
    '浑身(?:发)?抽|抽(?:过去|起来)了|羊癫疯|癫痫(?:发作|犯)',
    '(?:嘴|嘴巴|嘴角)(?:都|也)?歪|口眼歪斜|口歪眼斜|说话[^，,。]{0,3}(?:不清(?!不楚)|含糊|不利索|不利落|大舌头|说不清|说不出)|(?:手脚|半边|左边|右边|一边|左半边|右半边)[^，,。]{0,3}(?:没劲|没力气|不听使唤|抬不起来|不能动)|(?:胳膊|手|腿)(?:突然)?(?:抬不起来|不听使唤)|突然[^，,。]{0,4}(?:看不清|看不见|说不出话|站不稳|没劲)|看东西(?:模糊|重影|看不清)|头疼得(?:厉害|受不了|要炸)[^。]{0,8}吐|口齿不清|舌头(?:发)?(?:硬|麻)|(?:半边|一边|一侧|半个)(?:身子|身体|脸|手|胳膊|腿)[^，,。]{0,3}(?:不能动|动不了|没知觉|没劲|麻)',
    '胸口(?:疼|痛|闷|憋|压)|胸闷|心脏(?:疼|痛|难受|受不了)|捂着胸口|心口(?:疼|痛)',
    '不喘气|没气了|不呼吸|上不来气|喘不上来|憋得(?:脸|喘)|嘴唇(?:发)?(?:紫|青|乌)|脸(?:色)?(?:发|都)?(?:紫|青)|(?:过敏)[^，,。]{0,6}(?:喘|肿|呼吸)|喉咙肿',
    '被(?:开水|热水|热油|热汤|热粥|油|火)(?:烫|烧|浇|泼)|(?:开水|热水|热油|热汤|热粥)[^，,。]{0,4}(?:浇|泼|洒|烫)(?:到|在|了)|烫(?:得|了|掉)(?:一大片|起泡|皮)|(?:起|冒)了(?:一大片|一片|好多|很多|一堆)?(?:水)?泡|烧伤|烫伤',
    '(?:食物|农药|酒精|药物|一氧化碳)中毒|中毒了|喝(?:了|下)(?:半瓶|一瓶|一口|好多|一大口|很多)?(?:农药|敌敌畏|百草枯|洗洁精|消毒液|消毒水|洁厕灵|漂白水|清洁剂|洗衣液|防冻液|杀虫剂|84|酒精|汽油|老鼠药)|吃了(?:毒蘑菇|老鼠药|耗子药)|误(?:吃|喝|服|食|吞)|(?:药|药片|药丸)[^，,。]{0,4}当(?:糖|零食)|吃了(?:好几|十几|一大把|一把)(?:片|颗|粒)|把[^，,。]{0,6}(?:硬币|电池|纽扣|磁铁|磁珠|钉子|珠子|药片|鱼刺)[^，,。]{0,2}(?:吞|咽)(?:下去|进去|了)|鱼刺卡|(?:手|手指|脚|胳膊|腿)[^，,。]{0,3}被[^，,。]{0,5}(?:绞|夹|轧|压|切|卷)(?:了|断|住|进去)|被[^，,。]{0,5}(?:绞|卷)进去|(?:夹|绞|轧|切)断|喘气(?:困难|费劲|都难)|(?:蜂|马蜂|蛇|毒虫)[^，,。]{0,2}(?:蛰|蜇|咬|叮)',
    '摔(?:倒|了一跤|下去)?[^，,。]{0,6}(?:起不来|动不了|昏|没反应|流血|出血|骨折|断了)|摔断|(?:腿|胳膊|骨头|手)(?:都)?断了|从[^，,。]{0,10}(?:摔|掉|跌|坠|栽)下(?:来|去)|栽(?:下来|下去|倒)了|高空坠(?!物)|坠落(?!物)',
    '受伤|伤(?:得|口)(?:很|特别|好)?(?:重|深|大)|(?:砸|割|撞|刺|扎)伤|' + PASSER + '被[^，,。]{0,4}(?:砸|撞|轧|碾|刮|剐|蹭)(?:了|到|倒|伤|中)|车祸|撞(?:倒|飞)(?:了)?(?:人|一个)|被(?:疯)?狗咬|要生了|羊水破了|(?:快|赶紧)(?:叫|打)(?:120|救护车)|人快不行|快没(?:气|命)了',
  ].join('|'),
  'g',
);

interface Signal {
  situation: Situation;
  pattern: RegExp;
  /** Extra condition on the whole message (a bare 漏气 is a gas leak only when gas is mentioned). */
  requires?: RegExp;
  /** Words in the clause that make this signal mean something else (烧烤摊烟很大). */
  unless?: RegExp;
  /** Words anywhere in the message that do the same (冒烟…排气管的那种). */
  unlessInMessage?: RegExp;
}

// In priority order: the first kind found gives the advice; later kinds add their numbers.
const SIGNALS: Signal[] = [
  {
    situation: 'liveWire',
    pattern:
      /(?:配电(?:室|柜|箱|房)|变电(?:箱|站|柜|所)|电箱|电表箱|电闸|电线杆|变压器)[^。]{0,12}(?:火星|火花|蓝光|噼里?啪啦|滋滋|打火|放电)/g,
    // With visible fire or smoke it is a fire first (119); the sparks add the power company.
    unlessInMessage: /冒(?:了)?(?:黑|白|浓)?烟|着火|起火|火苗|明火|烧起来/,
  },
  { situation: 'oilPanFire', pattern: /油锅[^，,。]{0,4}(?:[着著]火|起火|烧起来)/g },
  { situation: 'fire', pattern: IGNITED, unless: /烟头|香烟|抽烟|蜡烛|烧烤|炉子|灶|收汁|炒|炖|煮|做饭|饭|菜|糊了|车?胎/, unlessInMessage: EXHAUST },
  {
    situation: 'fire',
    pattern:
      /(?<!打不|点不|打|点)[着著]火(?!车)|起火|失火|发生火灾|火灾了|烧起来|烧着了|冒(?:出)?(?:了)?(?:好多|很多|大量|大|黑|浓)?烟|浓烟|黑烟|(?<![油抽吸排香])烟(?:很|特别|太|好|非常|挺)?(?:大|浓)|全是烟|都是烟|满(?:屋子?|楼道)?的?烟|烟雾|火光|明火|火苗|火势|(?<![上肝心脾发恼冒])火(?:越来越|挺|很|特别|非常)大|自燃|烧焦(?:的)?味/g,
    unless: /烧烤|烤串|抽烟|吸烟|烟味|油烟(?!机)|烟花|鞭炮|香烟|烟头|烟囱/,
    unlessInMessage: EXHAUST,
  },
  { situation: 'carbonMonoxide', pattern: /煤气中毒|一氧化碳中毒|一氧化碳/g },
  {
    situation: 'gas',
    pattern:
      /(?:燃气|煤气|天然气|液化气|瓦斯)[^，,。]{0,6}(?:味|泄漏|泄露|漏了|漏气|冒气|嘶嘶|滋滋|呲呲)|(?:燃气|煤气|天然气)(?:管道?|管子|管线|阀门?|罐|表)[^，,。]{0,8}(?:断|破|裂|爆|冒气|呲|嘶嘶)|(?:挖|刨|铲|碰|砸|撞|压)(?:断|破|坏)(?:了)?(?:燃气|煤气|天然气)/g,
  },
  { situation: 'gas', pattern: /漏气|泄漏|泄露|臭鸡蛋味|(?:灶|阀门?|开关)[^，,。]{0,3}(?:关|拧)不(?:上|住|掉|紧)/g, requires: GAS_WORD },
  {
    situation: 'violence',
    pattern:
      /打砸|(?:挨|中)了(?:[一几两]|好几)刀|抢(?:了|走)?(?:小孩|孩子)|挨揍|(?:在|正在|被(?:人)?|围着[^，,。]{0,8})揍|揍(?:我|人|他|她)|围殴|互殴|殴打|厮打|扭打|撕打|打成一团|干起来了|打得[^，,。]{0,4}(?:血|起不来|不行)|(?:掏|亮|抽)出(?:了)?(?:刀|匕首|枪)|(?:拿|抡|举|挥)(?:着|起)?(?:了)?(?:菜刀|水果刀|匕首|砍刀|铁棍|钢管|锤子|铁锹|酒瓶|板砖|砖头)|抢(?:了|走)(?:我)?(?:的)?(?:包|手机|钱|项链|东西)|被(?:人)?抢|打劫|飞车抢|入室|撬(?:门|锁)|踹门|撞门|砸(?:我|我们)?(?:的|家的?)?(?:车|门|窗|玻璃)|(?:在|正在|还在)砸[^，,。]{0,4}(?:车|门|窗|玻璃|店)|耍酒疯|发酒疯|被(?:人|一个男的|陌生人)?跟(?:了|着)(?:一路|好久|我)|一直跟着我|掐(?:住|着)?(?:我|她|他)?(?:的)?脖子|往死里打|拐(?:走|跑)|被(?:人)?拐|人贩子|(?:强行|硬)(?:把)?[^，,。]{0,4}(?:拉|拖|拽|抱)(?:上车|走)|扬言要|要(?:砍|捅|杀|弄死|报复)|打架(?!子)|斗殴|打群架|打人|打我(?![的电手号这])|打了我(?![^，,。]{0,4}(?:电话|手机))|被(?:人)?打(?:了|伤)|砍人|砍伤|捅人|捅了|持刀|拿(?:着)?(?:刀|棍|棒|砖|枪|斧)|动刀|有枪|抢劫|抢东西|绑架|劫持|杀人|要杀|杀了我|弄死|砸(?:我家)?门|砸我家|砸车|(?:有人|正在|在)[^，,。]{0,6}撬|闯进|行凶|家暴|威胁|追着[^，,。]{0,4}打|就动手|要动手|动手打|耍流氓|猥亵|性侵|强奸|非礼|打起来|动起手|喊救命|惨叫|(?:打|砍|捅)死|跟踪|尾随|打(?:孩子|老人|老婆|媳妇)|拳打脚踢|按在地上(?:打|揍|踢|掐)|(?:扇|抽|打)[^，,。]{0,5}(?:耳光|巴掌|嘴巴子|大嘴巴)|(?:拽|薅|揪|扯)(?:着|住)?[^，,。]{0,4}头发|往墙上(?:撞|磕)|(?:踹|踢)(?:了)?(?:一个|个)?(?:人|老人|老太太|老头|孩子|小孩|女的|男的|他|她|我)|(?:拿|用|抡)[^，,。]{0,4}(?:砖头|板砖|棍子|酒瓶|椅子|锤子)[^，,。]{0,8}(?:砸|拍|打|抡)|冲进[^，,。]{0,6}抢|(?:把|将)[^，,。]{0,6}(?:绑|捆)(?:起来|住|了)|被(?:人)?(?:绑|捆)(?:起来|住|了)|蒙面|戴(?:着)?(?:面罩|头套)|劫匪|歹徒|抢[^，,。]{0,6}(?:钱|金子|首饰|金店|收银台)|被(?:人)?推倒/g,
    unless: /车位|座位|位置|生意|红包|票|简直|跟打劫|像打劫|游戏|坠物|冰雹|大风/,
  },
  {
    situation: 'lift',
    pattern:
      /电梯[^。]{0,12}?(?:困|关|卡|停)[^。]{0,10}?(?:人|孩子|老人|我|里面有|出不来|出不去)|(?:困|关|卡)在电梯|电梯困人|被困电梯|电梯里[^，,。]{0,6}出不(?:来|去)|电梯[^。]{0,16}?(?:被(?:困|关|卡)|(?:困|关|卡)在里(?:面|头)|打不开[^。]{0,6}(?:(?:人|我|孩子)?在里(?:面|头)))|电梯[^，,。]{0,8}(?:停在半空|悬在半空|卡在(?:两层|半空|中间|楼层中间)|(?:突然)?(?:往下|一下子)?(?:掉|坠|下坠|急坠|冲顶|蹲底)(?:了|下去))/g,
  },
  {
    situation: 'collapse',
    pattern: /塌方|(?:塌|倒塌|坍塌|垮)[^。]{0,10}(?:埋|压|困)(?:了|住|着)?[^，,。]{0,4}(?:人|工人|[一两二三四五六七八九十几\d]个)|被(?:埋|压)|埋了(?:人|[一两二三四五六七八九十几\d]个)|(?:塌|倒塌|坍塌)[^。]{0,10}(?:里面|下面)(?:还)?有人|(?:压|埋)(?:着|住)(?:人|了人)|被(?:压|埋)(?:在|住)|埋在下面|压在下面|(?:塌|倒塌|坍塌)[^。]{0,10}(?:压|埋)(?:着|住|了)?(?:人|在)/g,
  },
  {
    situation: 'lockedIn',
    pattern:
      /(?:反)?锁在车里|(?:被)?困在(?:屋里|家里|房间|楼顶|山上|水里|火里|车里|井里|井下|坑里|废墟|隧道|楼里|卫生间|厕所|阳台)|关在车里|(?:被)?(?:困|关|锁)在(?:了)?(?:里面|里头|屋里|家里|房间|厕所|卫生间|阳台|楼顶|天台|车里|井里|地下室|仓库)|(?:困|关|锁)(?:在)?(?:了)?(?:里面|里头|屋里|厕所|卫生间|阳台)[^，,。]{0,6}(?:出不来|出不去)|(?:被)?困住了|(?:被)?(?:堵|困)在(?:了)?(?:屋里|家里|房间|楼上|楼里)|(?:孩子|小孩|老人|人|我|他|她)[^，,。]{0,3}(?:在|困在|关在|锁在)里(?:面|头)[^，,。]{0,3}出不(?:来|去)|爬不(?:出来|上来)|(?:头|手|脚|腿|胳膊|身子)卡在|(?:被)?卡在[^，,。]{0,6}(?:里|中|缝)(?![^，,。]{0,3}吗)|(?:被)?困在(?!小区|单位|公司|学校|机场|车站|火车站|外地|老家|北京|国外|酒店|宾馆|家里)[^，,。]{1,8}?(?:里|上|中|下|了)|迷路[^。]{0,12}(?:天黑|下不(?:来|去)|出不(?:来|去)|走不出)|(?:山里|山上|野山|林子里|沙漠|戈壁)[^。]{0,8}迷路|(?:卡|夹|钻|伸)(?:在|进)[^，,。]{0,8}(?:拔不出|抽不出|出不来|拿不出|退不出)|拔不出来了/g,
  },
  { situation: 'shock', pattern: /触电|被电(?:到|了|击|着|得|打|倒)|电(?:到|着|倒)了|电击|让电(?:打|电)了/g },
  {
    situation: 'liveWire',
    pattern:
      /漏电(?!保护)|带电|(?:电线|电缆|高压线)[^，,。]{0,6}(?:掉|断|垂|耷拉|落|冒火|打火)|(?:掉|断|落)[^，,。]{0,4}(?:电线|电缆|高压线)|电线杆[^，,。]{0,4}(?:倒|断)|冒火花|打火花|电火花|火花四溅|(?:冒|打|直冒)火星|火星子|(?:电闸|开关|插座|电表|电箱)[^，,。]{0,4}(?:打火|滋滋|噼啪)/g,
  },
  {
    situation: 'selfHarm',
    pattern: /跳楼(?!价|甩卖)|跳河|跳江|寻死|不想活了|割腕|自杀|轻生|寻短见|服毒|喝农药|吃了(?:很多|一瓶|好多)?安眠药|上吊/g,
    unless: /累得|烦得|气得|热得|忙得|笑得/,
  },
  { situation: 'drowning', pattern: /溺水|落水|掉(?:进|到)?(?:河|湖|水|池|井)里|掉进(?:河|湖|水|井)|掉(?:进|到|入)(?:了)?[^，,。]{0,4}(?:塘|水库|冰窟窿|冰窟|冰面|江|海)|冰面[^，,。]{0,3}(?:塌|裂|破)了|(?:水里|河里|湖里|塘里)[^，,。]{0,6}(?:扑腾|往下沉|沉下去|喊救命)|沉下去了/g },
  { situation: 'medical', pattern: SYMPTOMS, unless: /气得|气死|笑得|累得|热得|把手|电脑|手机|病毒|软件|游戏|赔|不管|责任|鉴定|认定|牙龈|痔疮|月经|经期|椅|桌|床|凳/ },
  {
    situation: 'medical',
    pattern:
      /晕倒|昏倒|昏迷|晕过去|昏过去|叫不醒|没(?:有)?了?(?:呼吸|意识|心跳|知觉)|不省人事|抽搐|口吐白沫|心脏病(?:犯|发作)|心梗|脑梗|中风|喘不上气|喘不过气|呼吸困难|噎住|卡住(?:喉咙|嗓子)|脸(?:都)?(?:紫|青)了|大出血|流(?:了)?(?:好多|很多|一地|不少)?血|头破血流|扶不起来|爬不起来|起不来(?!床)|从[^，,。]{0,8}(?:摔|掉|跌)下来|坠楼|被(?:车|汽车|电动车|货车|卡车|出租车)撞|撞伤|骨折|说不出话|半边身子|一动不动|烫伤|烧伤|被狗咬|咬伤|受(?:了)?重伤|伤得很重|快不行了|人不行了|胸口疼|胸痛|心口疼|心绞痛|满头大汗|误服|误食|吞(?:了|下)[^，,。]{0,4}(?:药|硬币|电池|磁|纽扣|钉)|吃了(?:一整|一|整)?(?:板|瓶|盒|把)[^，,。]{0,2}药|(?:腿|胳膊|身子|人)(?:都)?(?:动不了|不能动)|摔倒[^。]{0,12}(?:反锁|打不开|叫不应|没动静)/g,
  },
  {
    situation: 'heatingPipe',
    pattern: /暖气(?:管|片|管道|管子)?[^，,。]{0,4}(?:爆|裂|崩)|暖气[^，,。]{0,4}(?:喷水|呲水|滋水)/g,
  },
  {
    situation: 'burstPipe',
    pattern:
      /(?:自来水管|水管子?|上水管|主水管|供水管|总阀|水龙头)[^，,。]{0,4}(?:爆|裂|崩|断)|(?:马路|路)上[^，,。]{0,6}(?:管道?|管子)[^，,。]{0,4}(?:爆|裂|崩)|(?:水管|管子|管道|水表|阀门)[^，,。]{0,4}(?:喷水|呲水|滋水|往外(?:喷|冒|涌|呲|滋)水?|水柱)/g,
  },
  {
    situation: 'rising',
    pattern:
      /(?:屋里|家里|屋|房子|房间|地下室|村里|小区|楼里|院里|院子)[^，,。]{0,6}(?:进水|灌水|淹了|被淹|水淹)|水[^，,。]{0,4}(?:往(?:屋|家|楼|屋子)里(?:灌|流|涌|漫|进)|(?:灌|涌|漫|流|冲)进|漫(?:到|过|上来)|还在涨|淹到|(?:已经)?没过(?:膝盖|腰|脚踝|大腿|车轮))|往(?:屋|家|楼|屋子|房)里(?:灌|涌|漫|进)|水[^，,。]{0,6}(?:到|齐|没过|淹过|漫过|淹没)(?:了)?(?:腰|膝盖|大腿|胸口|胸|脖子|小腿|车窗|车顶|半个车|轮胎)|地下(?:车库|室)[^，,。]{0,6}(?:进水|淹|灌水)|水(?:越来越|一直(?:在)?|还在|不停地?)(?:涨|往上涨)|(?:河水|水位|江水|湖水|水)[^，,。]{0,4}(?:一下子|突然|猛地|哗地)(?:就)?(?:涨|暴涨|漫)(?:起来|上来)了|被(?:大)?水(?:困|围)|(?:冲走|卷走)了|堤(?:坝)?(?:决口|溃|垮)|溃坝|洪水|决堤|漫上来|山洪|泥石流|(?:车|人)[^，,。]{0,4}被(?:水)?淹|被水冲走|困在水里|水里有人/g,
  },
  {
    situation: 'leakFromAbove',
    pattern: /漏水(?:特别|很|非常|太)?(?:大|严重|厉害)|水(?:从|顺着|沿着)(?:灯|插座|电表|天花板|吊顶|开关|电线)[^，,。]{0,4}(?:往下|流|滴|冒|淌)/g,
  },
  {
    situation: 'missing',
    pattern: new RegExp(
      `${PERSON}(?!的)[^。！!？?]{0,20}?(?:走丢|走失|失踪|失联|不见了|找不到|找不着|没回(?:家|来)|联系不上|跟丢|走散|没找到|找遍了|到处(?:都)?找|没到(?![账位期货])|一夜没回|彻夜未归|没(?:有)?(?:消息|音信)|音信全无|杳无音信|离家出走|下落不明|不知(?:道)?去(?:哪(?:了|儿了)|向)|被(?:人)?(?:抱走|带走|拐走|拉走))|(?:走丢|走失)的(?:小孩|孩子|老人)|人没了`,
      'g',
    ),
    unless: /警察|派出所|公安/,
  },
];

// Filters, read in the clause of the signal (and the one before it, where time is usually set).
const PAST = /上周|上星期|上礼拜|上个?月|去年|前年|前天|昨天|昨晚|上次|上回|之前|以前|曾经|那次|当时|(?<![晕昏倒走跑冲扑赶抽])过去|前几天|前些天|前段时间|前阵子|前一阵|前些日子|前几年|小时候|年轻时|出院|住院期间/;
const DONE_BEFORE = /(?:着|起|失|淹|困|丢|打|摔|爆|漏|走失|走丢)过/;
const ONGOING = /再(?:也)?没|还没(?:回|有消息|找到|联系上)|现在|正在|还在|刚才|刚刚|一直|到现在|至今|快来|赶紧|马上|救命/;
const HYPOTHETICAL =
  /如果|要是|万一|假如|假设|一旦|会不会|(?<![害好可])怕|担心|早晚|迟早|容易|可能会|小心|防止|预防|防范|演习|演练|隐患|报警器|灭火器|逃生|预案|差点|险些|以防|防走失|安全(?:检查|教育|知识)|培训|宣传|新闻|视频|报道|电影|电视剧|剧里|小说|游戏里|动画片|节目|听说|据说|网上说|一(?:着火|起火|漏气|下雨)|就完了|会出事|要出事|出人命/;
const HABITUAL = /最近(?!的)|这段时间|老毛病|经常|总是|老是|天天|每天|每晚|每周|每次|三天两头|(?<!一)动不动/;
const MONEY = /费|价格|多少钱|充值|缴|报销|补贴|开户|报装|读数/;
const ANIMAL = /猫|狗|宠物|鸟|鹦鹉|兔子/;
const ANIMALS = new RegExp(ANIMAL.source, 'g');
const PERSON_RE = new RegExp(`${PERSON}|人|我`);
// An owner named only as the pet's (我家的猫, 邻居家狗) is not a person in danger.
const OWNER = /(?:我|你|他|她|邻居|别人|谁|人)(?:们)?家(?:的)?|我的|(?:她|他)的/g;
// A guess about the cause of a bill (电费这么高，是不是漏电了) is about money, not danger.
const GUESS = /是不是|会不会|难道|吗|[？?]/;
// A general question (请问…应该打哪个电话) rather than a report, unless something says it is happening now.
const ASKING = /挂(?:哪个|什么)科|请问|想问|问一下|问问|咨询|想了解/;
const URGENT = /现在|正在|还在|刚才|刚刚|突然|快来|赶紧|马上|救命|怎么办|急/;
// The whole message: thanks for help already given, or a complaint about how it was handled.
const SETTLED =
  /找回了|找到了|已经(?:找到|回来|灭了|扑灭|修好|处理|救出|送医|没事)|送回|救出来了|灭了|扑灭了|没事了|脱险|感谢|谢谢|点赞|表扬|没个说法|不赔|不管不问|(?:学校|物业|单位|医院|商家|公司)(?:也)?不管|(?:一直|到现在|还|也)(?:没|不)(?:处理|赔|解决|给说法)/;
const ABOUT_IT_AFTER = /^(?:的事|的事情|事件|的问题|的情况|的那栋|的那次|的视频|的新闻|的报道|的照片|的图片|的帖子|的那场|的那起|事故)/;
const CLAUSE_BREAK = /[，,。！!？?；;\n]/;

function clauseAround(text: string, start: number, end: number): { clause: string; before: string } {
  let s = start;
  while (s > 0 && !CLAUSE_BREAK.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !CLAUSE_BREAK.test(text[e]!)) e++;
  let p = s > 0 ? s - 1 : 0;
  while (p > 0 && !CLAUSE_BREAK.test(text[p - 1]!)) p--;
  return { clause: text.slice(s, e), before: text.slice(p, Math.max(p, s - 1)) };
}

function happeningNow(text: string, signal: Signal, start: number, end: number): boolean {
  if (signal.requires && !signal.requires.test(text)) return false;
  if (signal.unlessInMessage?.test(text)) return false;
  if (ABOUT_IT_AFTER.test(text.slice(end))) return false;
  const { clause, before } = clauseAround(text, start, end);
  const context = before + clause;
  if (signal.unless?.test(clause)) return false;
  if (DONE_BEFORE.test(clause)) return false;
  if (PAST.test(context) && !ONGOING.test(clause)) return false;
  if (HYPOTHETICAL.test(context) || HABITUAL.test(clause) || MONEY.test(clause)) return false;
  if (MONEY.test(before) && GUESS.test(clause)) return false;
  // About an animal: the clause names one and no person; or the message does, with owners only.
  const aboutAnimal =
    (ANIMAL.test(clause) && !PERSON_RE.test(clause.replace(ANIMALS, '').replace(OWNER, ''))) ||
    (ANIMAL.test(text) && !PERSON_RE.test(text.replace(ANIMALS, '').replace(OWNER, '')));
  if (aboutAnimal && ['medical', 'missing', 'lockedIn', 'drowning'].includes(signal.situation)) return false;
  return true;
}

/** Situations found in already-normalised text, in priority order. */
export function findSituationsIn(text: string): Situation[] {
  if (SETTLED.test(text)) return [];
  if (ASKING.test(text) && !URGENT.test(text)) return [];
  const found: Situation[] = [];
  for (const signal of SIGNALS) {
    if (found.includes(signal.situation)) continue;
    for (const m of text.matchAll(signal.pattern)) {
      if (happeningNow(text, signal, m.index, m.index + m[0].length)) {
        found.push(signal.situation);
        break;
      }
    }
  }
  return found;
}

// Strong gas: a heavy smell, a broken pipe, someone dizzy. Then 119 too, not only the gas company.
const STRONG_GAS =
  /很浓|特别浓|味(?:道|儿)?(?:很|特别|非常|太|好|挺)?(?:大|浓|冲|重)|呛|整个(?:单元|楼|楼道|屋)|(?:管道?|管子|管线)[^，,。]{0,8}(?:断|破|爆)|呲呲|嘶嘶|冒气|头晕/;

export function detectEmergencyIn(text: string): Emergency | undefined {
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
