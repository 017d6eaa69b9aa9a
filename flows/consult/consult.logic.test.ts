import { describe, expect, it } from 'vitest';
import { answerReplies, followUpQuestion, isElliptical, narrowerQuestions, restatedQuestion, type Consultation, type KnowledgeHit } from './consult.logic.ts';

const hit = (id: string, title: string): KnowledgeHit => ({ id, title, answer: `${title}的答案。`, source: '北京市政务服务中心', effectiveFrom: '2024-01-01', confidence: 0.9 });
const answered = (question: string, hits: KnowledgeHit[], shown = 0): Consultation => ({ question, hits, shown, resumeIntake: false });

describe('follow-up questions', () => {
  it('knows a question that names no topic of its own', () => {
    for (const text of ['那需要带什么材料？', '多少钱？', '在哪办？', '要多久？', '能网上办吗？', '那还要带户口本吗']) expect(isElliptical(text), text).toBe(true);
    for (const text of ['供暖费怎么交？', '孩子上小学怎么报名', '社保卡丢了怎么补办']) expect(isElliptical(text), text).toBe(false);
  });

  it('reads an elliptical follow-up with the title of the entry that was shown', () => {
    const previous = answered('我想出国，护照咋弄', [hit('passport-apply', '在北京怎么办护照')]);
    expect(followUpQuestion(previous, ' 那需要带什么材料？ ')).toBe('在北京怎么办护照 那需要带什么材料？');
  });

  it('uses the answer the citizen is looking at after "没解决" showed the next one', () => {
    const previous = answered('卡丢了', [hit('id-card-replace', '身份证丢了怎么补办'), hit('social-security-card-replace', '社保卡丢了怎么挂失补办')], 1);
    expect(followUpQuestion(previous, '在哪办？')).toBe('社保卡丢了怎么挂失补办 在哪办？');
  });

  it('falls back to the previous question when nothing was answered, and leaves a full question alone', () => {
    expect(followUpQuestion(answered('养狗要登记吗', []), '多少钱？')).toBe('养狗要登记吗 多少钱？');
    expect(followUpQuestion(answered('养狗要登记吗', [hit('dog-registration', '养犬登记')]), '供暖费怎么交？')).toBe('供暖费怎么交？');
    expect(followUpQuestion(undefined, '多少钱？')).toBe('多少钱？');
  });

  it('marks an answer worded by the model, keeping the entry as its source', () => {
    const [answer] = answerReplies({ ...hit('passport-apply', '在北京怎么办护照'), answer: '带身份证去出入境窗口。', phrased: true });
    expect(answer?.data).toMatchObject({ sources: [{ id: 'passport-apply' }], phrased: true });
    expect(answer?.text).toContain('来源：北京市政务服务中心');
  });
});

describe('narrower questions for a padded consultation', () => {
  const namesPlace = (clause: string) => /丰台|方庄|海淀|朝阳/.test(clause);

  it('drops the clauses about the asker, then keeps only the asking ones', () => {
    expect(narrowerQuestions('我妈75了一个人住 腿脚不好 我们在丰台方庄 想问问居家养老上门服务怎么申请', namesPlace)).toEqual([
      '想问问居家养老上门服务怎么申请',
    ]);
    expect(narrowerQuestions('我在朝阳上班 社保断了两个月 会影响买房资格吗', namesPlace)).toEqual([
      '社保断了两个月 会影响买房资格吗',
      '会影响买房资格吗',
    ]);
  });

  it('keeps a clause that asks even when it names a place or the asker', () => {
    expect(narrowerQuestions('我住海淀 海淀哪里能办护照', namesPlace)).toEqual(['海淀哪里能办护照']);
  });

  it('offers no question that only asks (能不能给弄一个)', () => {
    expect(narrowerQuestions('我们这公交站连个棚子都没有 一下雨大家伙都在那淋着 能不能给弄一个', namesPlace)).toEqual([]);
  });

  it('offers nothing for one clause, and no question that names no topic', () => {
    expect(narrowerQuestions('居家养老上门服务怎么申请', namesPlace)).toEqual([]);
    expect(narrowerQuestions('我妈75了 需要带什么材料', namesPlace)).toEqual([]);
  });
});

describe('a question said again after a wrong answer', () => {
  it('searches the question, not the feedback or what it was not about', () => {
    expect(restatedQuestion('没解决 我问的是电动车上牌 不是共享单车')).toBe('电动车上牌');
    expect(restatedQuestion('不对，我是问护照怎么办')).toBe('护照怎么办');
    expect(restatedQuestion('社保断缴了怎么补交')).toBe('社保断缴了怎么补交');
  });
});
