import { createCallbackRepository } from '../db/repositories/callback.repository.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { CaseDraft } from '../../flows/domain/case-draft.ts';
import { openDatabase } from '../db/data-source.ts';
import { createCaseRepository } from '../db/repositories/case.repository.ts';
import { createCitizenRepository } from '../db/repositories/citizen.repository.ts';
import { createTransactor, type Transactor } from '../db/transactor.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../test/helpers/databases.ts';
import { createCaseQueries, type CaseQueries } from './case.queries.ts';
import { createCaseService, IncompleteDraftError, type CaseService } from './case.service.ts';

const WANGJING: CaseDraft = {
  type: '投诉',
  districtCode: '110105',
  district: '朝阳区',
  streetCode: '110105026',
  street: '望京街道',
  address: '花家地北里3号楼',
  phone: '13811112222',
  name: '王先生',
  confidential: false,
};
const ORIGIN = { channel: 'test', citizenId: 1, conversationId: 1 };
const hoursAfter = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000).toISOString();

describe.each(ENGINES)('filing a case with its routing on %s', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let transactor: Transactor;
  let service: CaseService;
  let queries: CaseQueries;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    dataSource = await openDatabase(db.config.database, { schema: db.schema });
    transactor = createTransactor(dataSource);
    const cases = createCaseRepository();
    service = createCaseService(cases);
    queries = createCaseQueries(transactor.reader, cases, createCitizenRepository(), createCallbackRepository());
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const file = (draft: CaseDraft, at: Date) => transactor.run(({ sql }) => service.file(sql, draft, ORIGIN, at));

  it('stores the department of the line, the rule, the category and the due time for wage arrears', async () => {
    const at = new Date('2026-11-23T02:00:00.000Z');
    const filed = await file({ ...WANGJING, description: '公司拖欠我三个月工资', categoryId: 'C15.03.006.01' }, at);
    expect(filed.unit).toEqual({ code: '110105-RSJ', name: '朝阳区人力资源和社会保障局', kind: 'department' });
    const saved = await queries.byTicketNo(filed.ticketNo);
    expect(saved).toMatchObject({
      category: '拖欠工资',
      categoryId: 'C15.03.006.01',
      categoryPath: '劳动和社会保障 > 工资福利 > 工资发放 > 拖欠工资',
      unit: { code: '110105-RSJ', name: '朝阳区人力资源和社会保障局', kind: 'department' },
      routing: { rule: 'line:wage-arrears→district:RSJ', responseLevel: '7d', dueAt: hoursAfter(at, 168) },
    });
    expect(saved?.events[0]?.data).toMatchObject({ rule: 'line:wage-arrears→district:RSJ', responseLevel: '7d', dueAt: hoursAfter(at, 168) });
  });

  it('gives a gas leak to the gas company with a two-hour deadline', async () => {
    const at = new Date('2026-11-23T03:30:00.000Z');
    const filed = await file({ ...WANGJING, type: '求助', description: '楼道里有燃气味', categoryId: 'C01.02.013.01' }, at);
    const saved = await queries.byTicketNo(filed.ticketNo);
    expect(saved?.unit).toEqual({ code: 'BJ-GAS', name: '北京燃气集团', kind: 'utility' });
    expect(saved?.routing).toEqual({ rule: 'utility:gas→BJ-GAS', responseLevel: '2h', dueAt: hoursAfter(at, 2) });
  });

  it('gives an uncategorised case to the street with the default seven days', async () => {
    const at = new Date('2026-11-23T04:00:00.000Z');
    const filed = await file({ ...WANGJING, description: '楼下垃圾桶满了三天没人清理' }, at);
    const saved = await queries.byTicketNo(filed.ticketNo);
    expect(saved).toMatchObject({
      categoryId: null,
      categoryPath: null,
      unit: { code: '110105026', name: '望京街道', kind: 'street' },
      routing: { rule: 'territorial:street', responseLevel: '7d', dueAt: hoursAfter(at, 168) },
    });
  });

  it('routes a draft that has only the classifier’s first-level label by that level’s line', async () => {
    const filed = await file({ ...WANGJING, description: '单位不签劳动合同', category: '劳动和社会保障' }, new Date('2026-11-23T05:00:00.000Z'));
    const saved = await queries.byTicketNo(filed.ticketNo);
    expect(saved).toMatchObject({ category: '劳动和社会保障', categoryId: 'C15', categoryPath: '劳动和社会保障', routing: { rule: 'line:labour→district:RSJ' } });
  });

  it('files a case whose category id is no longer in the tree as uncategorised', async () => {
    const filed = await file({ ...WANGJING, description: '旧会话里的类别', categoryId: 'C99.01' }, new Date('2026-11-23T06:00:00.000Z'));
    const saved = await queries.byTicketNo(filed.ticketNo);
    expect(saved).toMatchObject({ categoryId: null, routing: { rule: 'territorial:street' } });
  });

  it('makes a suggestion a fifteen-day case', async () => {
    const at = new Date('2026-11-23T07:00:00.000Z');
    const filed = await file({ ...WANGJING, type: '建议', description: '建议早点开始供暖', categoryId: 'C01.02.008' }, at);
    expect((await queries.byTicketNo(filed.ticketNo))?.routing).toMatchObject({ responseLevel: '15d', dueAt: hoursAfter(at, 360) });
  });

  it('refuses a draft without type, description or phone and stores nothing', async () => {
    await expect(file({ ...WANGJING, phone: undefined, description: '没有电话' }, new Date())).rejects.toBeInstanceOf(IncompleteDraftError);
  });
});
