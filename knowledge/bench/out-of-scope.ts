/** Messages 12345 has no answer for: the knowledge base must abstain on every one (calibrate-threshold.ts, padded-questions.ts). */
export const OUT_OF_SCOPE = [
  '彩票号码', '帮我写作文', '推荐一部电影', '今天天气怎么样', '讲个笑话', '股票明天涨不涨', '帮我写一首诗', '世界杯谁夺冠了',
  '怎么减肥最快', '周末去哪玩好', '你是机器人吗', '最近有什么好看的电视剧', '帮我算一下数学题', '双色球开奖号码', '怎么做红烧肉',
  '比特币还能买吗', '推荐个手机', '明星八卦', '帮我翻译英语', '星座运势', '打游戏怎么上分', '我失恋了好难过', '写一篇关于春天的作文',
  '电影票怎么买便宜', '宠物猫生病了吃什么药',
];
