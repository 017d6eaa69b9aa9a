/**
 * Whom to call and what to do now, per kind of danger. Citizen-facing text: calm, short, Simplified
 * Chinese. Numbers are Beijing's: 110/119/120 nationwide, 北京燃气 96777, 北京自来水集团 96116,
 * 国家电网 95598. A number we could not confirm (the heating company's) is not given: the advice
 * names the property office instead.
 */
import type { EmergencyCall, EmergencyKind } from './emergency.ts';

export const CALLS = {
  police: { number: '110', name: '报警电话' },
  fire: { number: '119', name: '消防救援' },
  ambulance: { number: '120', name: '急救电话' },
  gas: { number: '96777', name: '北京燃气抢修' },
  water: { number: '96116', name: '北京自来水集团' },
  power: { number: '95598', name: '供电抢修' },
} as const satisfies Record<string, EmergencyCall>;

export interface EmergencyCopy {
  kind: EmergencyKind;
  call: EmergencyCall[];
  advice: string;
}

/** One entry per situation the detector tells apart; `kind` is what callers see. */
export const EMERGENCY_COPY = {
  fire: {
    kind: 'fire',
    call: [CALLS.fire],
    advice: '请马上离开着火的地方，用湿毛巾捂住口鼻、弯腰走楼梯撤离，不要乘电梯；出不去就关紧门，到窗边呼救。',
  },
  oilPanFire: {
    kind: 'fire',
    call: [CALLS.fire],
    advice: '先关火，用锅盖或湿毛巾盖住油锅，千万不要用水浇；火控制不住就马上离开，拨打119。',
  },
  gas: {
    kind: 'gas',
    call: [CALLS.gas],
    advice: '不要开关电灯和电器，不要点火，也别在屋里打电话；请打开门窗、关上燃气阀门，到室外再拨打电话。',
  },
  strongGas: {
    kind: 'gas',
    call: [CALLS.gas, CALLS.fire],
    advice: '不要开关电灯和电器，不要点火，也别在屋里打电话；能关阀门就关上，打开门窗后马上离开，到室外再拨打电话。',
  },
  carbonMonoxide: {
    kind: 'medical',
    call: [CALLS.ambulance],
    advice: '马上打开门窗通风，把人转移到空气新鲜的地方，不要开关电器或点火，然后拨打120。',
  },
  violence: {
    kind: 'violence',
    call: [CALLS.police],
    advice: '请先保护好自己，尽快离开危险的地方，或锁好门待在安全的房间里，不要和对方正面冲突；马上拨打110。',
  },
  medical: {
    kind: 'medical',
    call: [CALLS.ambulance],
    advice: '请马上拨打120，说清地址和病人的情况；不要随意搬动病人，守在旁边等救护车。',
  },
  selfHarm: {
    kind: 'medical',
    call: [CALLS.police, CALLS.ambulance],
    advice: '请马上拨打110和120，尽量陪在他身边、和他说话，不要留他一个人。',
  },
  drowning: {
    kind: 'medical',
    call: [CALLS.police, CALLS.ambulance],
    advice: '不要贸然下水，向落水的人抛绳子、救生圈或能漂浮的东西，同时拨打110和120。',
  },
  lift: {
    kind: 'trapped',
    call: [CALLS.fire],
    advice: '请按电梯里的警铃，或拨打电梯里贴着的救援电话；保持冷静，不要扒门或爬出轿厢，也可以拨打119。',
  },
  collapse: {
    kind: 'trapped',
    call: [CALLS.fire, CALLS.ambulance],
    advice: '请马上拨打119，说清位置和被困的人数；远离可能继续倒塌的地方，不要自己进去挖。',
  },
  lockedIn: {
    kind: 'trapped',
    call: [CALLS.fire, CALLS.police],
    advice: '请马上拨打119或110；如果被锁在车里的孩子已经很难受，可以砸开离孩子最远的车窗。',
  },
  missing: {
    kind: 'missing',
    call: [CALLS.police],
    advice: '请马上拨打110报警，不用等满24小时；准备好照片和走失时的穿着，也到最后见到的地方附近找一找。',
  },
  burstPipe: {
    kind: 'flood',
    call: [CALLS.water],
    advice: '请先关闭家里的进水总阀；水漫到插座和电器附近的话先拉下电闸，再拨打96116报修。',
  },
  heatingPipe: {
    kind: 'flood',
    call: [CALLS.fire],
    advice: '当心热水烫伤，先关上暖气的进水和回水阀门，远离喷水的地方，马上联系物业抢修；止不住就拨打119。',
  },
  leakFromAbove: {
    kind: 'flood',
    call: [CALLS.police],
    advice: '请先拉下家里的电闸，别碰泡了水的灯和插座；联系楼上住户或物业关总阀，联系不上可以拨打110。',
  },
  rising: {
    kind: 'flood',
    call: [CALLS.fire, CALLS.police],
    advice: '请先拉下电闸，带老人孩子到高处，不要走进深水里；被困或水还在涨就拨打119或110。',
  },
  shock: {
    kind: 'electric',
    call: [CALLS.ambulance, CALLS.power],
    advice: '先拉下电闸或用干燥的木棍把电线挑开，千万不要直接用手拉触电的人，然后拨打120。',
  },
  liveWire: {
    kind: 'electric',
    call: [CALLS.power, CALLS.police],
    advice: '请离掉落的电线至少10米远，别让人和车靠近，也不要自己去挪；马上拨打95598供电抢修。',
  },
} as const satisfies Record<string, EmergencyCopy>;

export type Situation = keyof typeof EMERGENCY_COPY;
