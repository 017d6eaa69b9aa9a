/**
 * Character folding applied before any rule-based matching.
 *
 * Every mapping is one UTF-16 code unit to one code unit, so an index found in the folded text is also
 * an index into the original text: callers can match on folded text and slice the original.
 */

// Traditional → simplified for the characters that occur in Beijing's district and township names, plus
// the ones citizens write most often in complaints (phone, building, noise, fees…). Not a general
// converter: characters whose traditional form is ambiguous in simplified text (乾, 幹) are left alone.
const TRADITIONAL_PAIRS =
  '區区澱淀東东門门龍龙觀观鎮镇鄉乡豐丰臺台檯台颱台順顺義义懷怀雲云慶庆興兴經经濟济開开發发髮发華华' +
  '萬万業业臨临麗丽樂乐於于亞亚產产倉仓體体兒儿關关軍军馮冯劉刘創创勁劲醫医盧卢縣县雙双後后團团園园' +
  '國国場场壇坛壩坝處处頭头孫孙學学寧宁寶宝將将崗岗嶺岭師师廣广莊庄廟庙龐庞張张戶户齋斋舊旧術术機机' +
  '楊杨柵栅欄栏樹树棲栖橋桥樓楼溝沟瀋沈澤泽窪洼灣湾滿满濱滨漁渔溫温獨独盞盏禮礼窩窝竇窦紙纸結结羅罗' +
  '勝胜蘇苏蘋苹範范榮荣藥药營营覽览貞贞賢贤趙赵達达運运連连鄔邬鐵铁長长間间閻阎陽阳際际陳陈韓韩頂顶' +
  '風风館馆馬马駒驹魯鲁麥麦黃黄壽寿辦办條条務务採采鬆松昇升穀谷裡里裏里奧奥紅红衚胡衕同湯汤' +
  // Words of everyday complaints, names and control messages.
  '電电話话號号碼码單单層层棟栋訴诉舉举報报議议揚扬謝谢幫帮個个們们這这問问題题沒没聲声亂乱費费車车' +
  '氣气燈灯壞坏請请讓让說说時时點点樣样為为會会對对應应該该錯错確确認认嗎吗麼么員员記记錄录寫写換换' +
  '轉转選选從从來来過过還还進进難难聽听見见覺觉買买賣卖錢钱貴贵價价熱热線线態态環环衛卫髒脏鄰邻裝装' +
  '違违規规佔占擾扰補补償偿訊讯資资顯显繼继續续導导實实歡欢陰阴劃划畫画邊边隻只衝冲護护嗚呜鬧闹聯联' +
  '絡络係系謂谓無无證证據据權权煩烦勞劳動动傳传給给幾几閉闭雜杂總总夠够專专蓋盖鍋锅爐炉網网媽妈爺爷' +
  '歲岁療疗麵面飯饭淨净掃扫滅灭災灾險险燒烧雖虽雞鸡鳥鸟貓猫蟲虫葉叶輛辆罰罚職职稅税銀银紀纪錶表養养' +
  '託托綫线兩两廳厅檢检査查驗验預预約约屬属終终談谈聞闻鑰钥廠厂鋪铺儘尽盡尽' +
  // Words of emergencies, times and the kinds of request (praise, reports, consultations).
  '綠绿濃浓煙烟洩泄觸触暈晕搶抢殺杀傷伤鎖锁壓压橫横簽签兇凶槍枪鬥斗毆殴丟丢蹤踪繫系墜坠腦脑臟脏識识噴喷湧涌漲涨濕湿斷断桿杆閥阀燙烫' +
  '淩凌偉伟鐘钟週周書书誠诚負负責责試试嚴严設设購购圍围擋挡廢废礙碍標标準准備备領领齡龄貼贴讚赞贊赞誇夸錦锦貨货賭赌騙骗詐诈響响現现禍祸' +
  // Round 5: bodies, harm and rescue; fees, reports and suggestions.
  '綁绑竊窃癱瘫嚥咽嗆呛腫肿瘋疯櫃柜簾帘廚厨閘闸纜缆牆墙擠挤嬸婶隊队執执帶带脫脱掛挂撈捞況况針针滾滚嘔呕臉脸額额頸颈嚨咙驚惊嚇吓顫颤癲癫癇痫摀捂頓顿餓饿癡痴鑽钻攔拦濺溅淚泪膚肤紮扎劑剂渦涡颳刮搖摇遲迟誤误喪丧寵宠廁厕靜静鏈链輪轮' +
  '罵骂詢询諮咨質质賠赔虛虚偽伪盜盗販贩擺摆攤摊撥拨紹绍緊紧節节積积闆板鍾钟黴霉鋼钢趕赶噸吨減减癒愈殘残隨随陸陆圖图訂订講讲謊谎納纳級级貧贫窮穷賬账債债協协調调遞递郵邮寬宽闊阔擴扩種种極极優优凍冻鹽盐註注銷销' +
  // Round 6: words of the emergency lexicons (smoke rising, blows, a drain, a flash, a strike).
  '塊块顆颗蟄蛰繩绳竄窜躥蹿灑洒潑泼澆浇爛烂纏缠墊垫撐撑睜睁閃闪擊击軋轧捲卷囪囱膿脓癢痒脹胀釘钉鋸锯啟启';

let traditionalMap: Map<string, string> | undefined;
/** Per UTF-16 code unit: the code unit it folds to, or 0 when it stays (all mappings are one unit to one). */
let foldTable: Uint16Array | undefined;
/** The same, plus full-width ASCII to half-width and the ideographic space to a space. */
let matchingTable: Uint16Array | undefined;

function traditionalToSimplified(): Map<string, string> {
  if (traditionalMap) return traditionalMap;
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
    const from = TRADITIONAL_PAIRS[i]!;
    const to = TRADITIONAL_PAIRS[i + 1]!;
    if (from !== to) map.set(from, to);
  }
  traditionalMap = map;
  return map;
}

function tables(): { traditional: Uint16Array; matching: Uint16Array } {
  if (!foldTable) {
    foldTable = new Uint16Array(0x10000);
    for (const [from, to] of traditionalToSimplified()) foldTable[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  if (!matchingTable) {
    matchingTable = foldTable.slice();
    for (let code = 0xff01; code <= 0xff5e; code++) matchingTable[code] = code - 0xfee0;
    matchingTable[0x3000] = 0x20;
  }
  return { traditional: foldTable, matching: matchingTable };
}
/**
 * Applies a fold table. Unchanged runs are copied as slices and only the characters that fold are
 * replaced: most messages change in a few places (full-width punctuation), many in none.
 */
function applyFold(text: string, table: Uint16Array): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const to = table[text.charCodeAt(i)]!;
    if (to === 0) continue;
    out += text.slice(runStart, i) + String.fromCharCode(to);
    runStart = i + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

/**
 * A fold of a module's own, from pairs written one after the other ('悶闷庫库…'), for forms the shared
 * fold leaves alone because trained models read its output. Same length as the input, index for index.
 */
export function localFold(pairs: string): (text: string) => string {
  const table = new Uint16Array(0x10000);
  for (let i = 0; i + 1 < pairs.length; i += 2) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  return (text) => applyFold(text, table);
}

/** Fold traditional characters to simplified; same length as the input, index for index. */
export function foldToSimplified(text: string): string {
  return applyFold(text, tables().traditional);
}

/**
 * What every matcher works on: simplified characters, full-width ASCII folded to half-width
 * (WeChat keyboards often send １３８ or ＋８６), and the ideographic space to a plain space.
 * Same length as the input, index for index. The last answer is remembered: a turn's matchers fold
 * the same message many times.
 */
let lastIn: string | undefined;
let lastOut = '';
export function normaliseForMatching(text: string): string {
  if (text === lastIn) return lastOut;
  lastOut = applyFold(text, tables().matching);
  lastIn = text;
  return lastOut;
}
