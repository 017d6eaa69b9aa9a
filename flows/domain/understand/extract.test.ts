import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';

describe('extract', () => {
  it('pulls place, address, phone, type and description from one full complaint', () => {
    const result = extract('朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理，电话13811112222');
    expect(result).toEqual({
      type: '投诉',
      kind: '投诉',
      times: ['三天'],
      description: '朝阳区望京街道花家地北里3号楼下垃圾桶满了三天没人清理',
      place: {
        district: { code: '110105', name: '朝阳区' },
        street: { code: '110105026', name: '望京街道', districtCode: '110105', district: '朝阳区' },
        end: 7,
      },
      address: '花家地北里3号楼',
      phone: '13811112222',
      isCorrection: false,
    });
  });

  it('takes "I want to complain" as a type without a description', () => {
    expect(extract('我要投诉')).toEqual({ type: '投诉', kind: '投诉', isCorrection: false });
    expect(extract('你好，我想反映个问题').description).toBeUndefined();
  });

  it('drops the greeting and announcement in front of the account', () => {
    expect(extract('你好，我想反映一下，小区门口的路灯坏了好几天了').description).toBe('小区门口的路灯坏了好几天了');
  });

  it('keeps the name and the confidentiality request out of the description', () => {
    const result = extract('楼上邻居天天大兴土木装修，噪音太大了，我姓王，请帮我保密');
    expect(result.description).toBe('楼上邻居天天大兴土木装修，噪音太大了');
    expect(result.name).toBe('王');
    expect(result.confidential).toBe(true);
    expect(result.type).toBe('投诉');
    expect(result.place).toBeUndefined();
  });

  it('does not take an address alone for a description', () => {
    const result = extract('住在回龙观龙泽苑东区12号楼2单元');
    expect(result.address).toBe('回龙观龙泽苑东区12号楼2单元');
    expect(result.place?.street?.name).toBe('回龙观街道');
    expect(result.description).toBeUndefined();
  });

  it('reads the street and the estate when the bot asked for the address', () => {
    const result = extract('住在回龙观龙泽苑东区12号楼2单元', { expecting: 'address' });
    expect(result.place?.street?.name).toBe('回龙观街道');
    expect(result.address).toBe('回龙观龙泽苑东区12号楼2单元');
  });

  it('keeps an account that follows the address, however short', () => {
    const result = extract('石景山区八角街道八角北路甲28号院里的树倒了');
    expect(result.address).toBe('八角北路甲28号院');
    expect(result.description).toBe('石景山区八角街道八角北路甲28号院里的树倒了');
  });

  it('reads contact details given together', () => {
    const result = extract('我叫王小明，电话138-1111-2222，住在朝阳区望京');
    expect(result.name).toBe('王小明');
    expect(result.phone).toBe('13811112222');
    expect(result.place?.street?.name).toBe('望京街道');
    expect(result.description).toBeUndefined();
  });

  it('reports 12345 as an invalid phone only when a phone was asked for', () => {
    expect(extract('12345', { expecting: 'phone' })).toEqual({ invalidPhone: '12345', isCorrection: false });
    expect(extract('打了12345热线也没用，楼道灯还是不亮').invalidPhone).toBeUndefined();
  });

  it('reads short answers to the slot the bot asked for', () => {
    expect(extract('王先生', { expecting: 'name' }).name).toBe('王先生');
    expect(extract('需要', { expecting: 'confidential' }).confidential).toBe(true);
    expect(extract('不用了', { expecting: 'confidential' }).confidential).toBe(false);
    expect(extract('路灯坏了', { expecting: 'description' }).description).toBe('路灯坏了');
    expect(extract('路灯坏了').description).toBeUndefined();
  });

  it('marks a correction and keeps the value said last', () => {
    const result = extract('不是海淀区，是朝阳区', { expecting: 'address' });
    expect(result.isCorrection).toBe(true);
    expect(result.place?.district?.name).toBe('朝阳区');
    expect(result.address).toBeUndefined();
  });

  it('finds no place in 燃气费太贵了 but hears a complaint', () => {
    const result = extract('燃气费太贵了');
    expect(result.place).toBeUndefined();
    expect(result.type).toBe('投诉');
    expect(result.description).toBe('燃气费太贵了');
  });

  it('reads a message in traditional characters, keeping the description as written', () => {
    const result = extract('海澱區中關村大街27號門口的井蓋壞了好幾天');
    expect(result.place?.district).toEqual({ code: '110108', name: '海淀区' });
    expect(result.address).toBe('中关村大街27号');
    expect(result.description).toBe('海澱區中關村大街27號門口的井蓋壞了好幾天');
  });

  it('does not take a house number or a date for a phone', () => {
    const result = extract('3号楼502室从5月3号开始漏水');
    expect(result.phone).toBeUndefined();
    expect(result.invalidPhone).toBeUndefined();
    expect(result.address).toBe('3号楼502室');
  });

  it('leaves everything empty for a greeting', () => {
    expect(extract('你好')).toEqual({ isCorrection: false });
  });
});

describe('extract, when the bot asked for the address', () => {
  it('keeps the township name when it also names the estate', () => {
    expect(extract('朝阳区望京街道 望京西园三区', { expecting: 'address' }).address).toBe('望京西园三区');
    expect(extract('朝阳区望京街道望京西园四区', { expecting: 'address' }).address).toBe('望京西园四区');
  });

  it('does not take a form of address or a yes for the address', () => {
    expect(extract('张先生', { expecting: 'address' }).address).toBeUndefined();
    expect(extract('不需要', { expecting: 'address' }).address).toBeUndefined();
    expect(extract('富丰园小区', { expecting: 'address' }).address).toBe('富丰园小区');
  });

  it('does not take an account of what happened for the address', () => {
    const result = extract('海淀區學院路街道的路燈壞了好幾天了', { expecting: 'address' });
    expect(result.place?.street?.name).toBe('学院路街道');
    expect(result.address).toBeUndefined();
  });
});

describe('extract, place and address from everyday speech', () => {
  it('keeps the landmark, not a fragment of the sentence, as the address', () => {
    const result = extract('我在望京soho旁边那个健身房办的卡交了6800 现在老板跑路了门都锁了 钱还能退吗');
    expect(result.place?.street?.name).toBe('望京街道');
    expect(result.address).toBe('望京soho旁边的健身房');
    expect(result.description).toBe('我在望京soho旁边那个健身房办的卡交了6800 现在老板跑路了门都锁了 钱还能退吗');
  });

  it('reads the hospital as the address and the district the citizen lives in as the place', () => {
    const result = extract('在朝阳医院看的 我住东城', { expecting: 'address' });
    expect(result.place?.district?.name).toBe('东城区');
    expect(result.address).toBe('朝阳医院');
  });

  it('reads a bus route as the address and its start as the place', () => {
    const result = extract('建议加开一条从天通苑到望京的公交 早高峰5号线挤不上去 坐公交要倒两趟');
    expect(result.address).toBe('天通苑到望京');
    expect(result.place?.candidates?.map((c) => c.name)).toEqual(['天通苑北街道', '天通苑南街道']);
  });

  it('leaves the address empty when the answer names only the street', () => {
    const result = extract('就是表扬一下 我住海淀清河 当时热力公司的师傅来修的', { expecting: 'address' });
    expect(result.place?.street?.name).toBe('清河街道');
    expect(result.address).toBeUndefined();
  });
});

describe('extract, kinds and times', () => {
  it('names a consultation as a kind but leaves the work-order type to intake', () => {
    const result = extract('请问居住证怎么办理，需要什么材料');
    expect(result.kind).toBe('咨询');
    expect(result.type).toBeUndefined();
  });

  it('keeps a weak guess as the kind only, so intake still asks for the type', () => {
    const result = extract('小区门口的路灯坏了半个月了');
    expect(result.kind).toBe('投诉');
    expect(result.type).toBeUndefined();
  });

  it('lists the times the citizen mentions, as written', () => {
    const result = extract('楼上每天半夜兩點還在裝修，已經三天了，電話13811112222');
    expect(result.times).toEqual(['每天半夜兩點', '三天了']);
    expect(result.type).toBe('投诉');
  });

  it('does not take a building number or a phone for a time', () => {
    expect(extract('3号楼502室漏水，电话010-68881234').times).toBeUndefined();
  });
});

describe('extract, the description without the personal details', () => {
  it.each([
    [
      '回龙观龙泽苑东区12号楼暖气一点都不热 屋里才16度 老人孩子都冻感冒了 给物业打电话也没人管 我电话13911234567',
      '回龙观龙泽苑东区12号楼暖气一点都不热 屋里才16度 老人孩子都冻感冒了 给物业打电话也没人管',
    ],
    ['海淀上地西里小区门口的井盖没了 就拿个破纸箱子盖着 晚上很容易掉进去 我电话+86 186 1234 5678', '海淀上地西里小区门口的井盖没了 就拿个破纸箱子盖着 晚上很容易掉进去'],
    [
      '天通苑东三区物业太差劲了 楼道灯坏了俩月没人修 垃圾也堆在楼道口 交了物业费啥也不干 别让物业知道是我反映的',
      '天通苑东三区物业太差劲了 楼道灯坏了俩月没人修 垃圾也堆在楼道口 交了物业费啥也不干',
    ],
    [
      '你好我是望京西园三区的业主，姓王，电话13701234567。物业去年突然把地面车位费从150涨到了300，也没开业主大会，也没公示，现在不交就不让车进小区，好几户老人的车都停在外面马路上被贴条了。希望有关部门管管，别让物业知道是我反映的，他们会刁难。',
      '我是望京西园三区的业主。物业去年突然把地面车位费从150涨到了300，也没开业主大会，也没公示，现在不交就不让车进小区，好几户老人的车都停在外面马路上被贴条了。希望有关部门管管。',
    ],
    ['楼道灯坏了好几天了，我姓王，电话13811112222', '楼道灯坏了好几天了'],
    ['我的手机号是13811112222，小区门口的路灯坏了好几天了', '小区门口的路灯坏了好几天了'],
    ['联系方式：13811112222。楼下饭馆油烟太大，窗户都不敢开', '楼下饭馆油烟太大，窗户都不敢开'],
    ['楼下饭馆油烟太大了，有事打我电话13811112222，谢谢', '楼下饭馆油烟太大了'],
    ['你好，我是王先生，楼下烧烤店天天开到半夜两点', '楼下烧烤店天天开到半夜两点'],
    ['楼下烧烤店天天开到半夜两点！另外请帮我保密。', '楼下烧烤店天天开到半夜两点！'],
    ['不要透露我的信息 楼下饭馆油烟太大了', '楼下饭馆油烟太大了'],
    ['交了物业费啥也不干别让物业知道是我反映的', '交了物业费啥也不干'],
    ['楼道灯坏了我电话13811112222物业不管', '楼道灯坏了，物业不管'],
    ['楼下饭馆油烟太大（电话13811112222），请尽快处理', '楼下饭馆油烟太大，请尽快处理'],
    ['小区里有人私搭乱建，我怕被打击报复，不要透露我的信息', '小区里有人私搭乱建'],
  ])('reads clean Chinese from %s', (text, description) => {
    expect(extract(text).description).toBe(description);
  });

  it.each(['物业电话一直打不通，楼道灯坏了三天了', '你好好管管你家的狗 天天半夜叫'])('leaves %s as written: nothing personal in it', (text) => {
    expect(extract(text).description).toBe(text);
  });

  it('keeps the account when a wish for confidentiality is said inside it or next to it', () => {
    expect(extract('我想匿名反映一下楼下饭店油烟太大的问题').description).toBe('我想反映一下楼下饭店油烟太大的问题');
    // Retaliation that happened is the account; only a fear of it is the reason for the wish.
    expect(extract('物业对我打击报复，停了我家的水，请帮我保密').description).toBe('物业对我打击报复，停了我家的水');
    expect(extract('停了我家的水，物业报复我，请帮我保密').description).toBe('停了我家的水，物业报复我');
  });

  it('reads the name given with the phone number, and the title said with the surname', () => {
    expect(extract('18500001111 王女士', { expecting: 'phone' })).toMatchObject({ phone: '18500001111', name: '王女士' });
    expect(extract('姓李 李女士', { expecting: 'name' }).name).toBe('李女士');
  });
});
