// Demo data of issue 3: a recruitment season in progress, about 30 prospects in every stage of
// the pipeline, entered through the services (so validated and audited). Deterministic: the same
// prospects, scores, findings and statements every time.
import type { CreateProspectBody, ProspectStage, Tier } from '../../shared/schemas/index.js';
import type { Database } from '../db/database.js';
import { systemCaller, type ServiceContext } from '../core/caller.js';
import type { Clock } from '../core/clock.js';
import { regionIndex } from '../modules/regions/regions.data.js';
import { overlappingTerritories } from '../modules/dealers/dealers.service.js';
import { createProspect } from '../modules/prospects/prospects.service.js';
import { decideProspect, transitionProspect } from '../modules/prospects/pipeline.service.js';
import { convertProspect } from '../modules/prospects/contract.service.js';
import { creditCodeCheckChar, CREDIT_CODE_CHARSET } from '../modules/prospects/credit-code.rules.js';
import { screenProspect } from '../modules/screening/screening.service.js';
import { DEFAULT_SCREENING } from '../modules/screening/screening.rules.js';
import { addFinding, getChecklists, updateItem } from '../modules/due-diligence/due-diligence.service.js';
import { saveStatements } from '../modules/analysis/analysis.service.js';
import { CITIES, NAME_PARTS } from './demo.data.js';
import { prng } from './demo.js';

type Target = Exclude<ProspectStage, 'rejected'> | `rejected:${'knockout' | 'score' | 'risk' | 'decision'}`;

/** Where each of the 30 prospects of the season stands. */
const SEASON: Target[] = [
  ...Array<Target>(6).fill('new'),
  ...Array<Target>(6).fill('screening'),
  ...Array<Target>(6).fill('due_diligence'),
  ...Array<Target>(5).fill('decision'),
  ...Array<Target>(3).fill('converted'),
  'rejected:knockout',
  'rejected:score',
  'rejected:risk',
  'rejected:decision',
];

/** Cities of the season: Guangdong and the Yangtze delta first, so both demo regional managers have prospects. */
const SEASON_CITIES = ['440100', '440300', '440600', '441900', '450100', '310100', '320500', '330100', '330200', '320100', '370200', '420100', '510100', '350200'];

const OWNERS = ['法务部 李娜', '财务部 周敏', '渠道部 王磊', '区域经理 林芳', '审计部 陈静'];

export interface RecruitmentSummary {
  prospects: number;
  byStage: Record<string, number>;
}

export async function seedRecruitment(db: Database, clock: Clock): Promise<RecruitmentSummary> {
  const ctx: ServiceContext = { db, clock, caller: { ...systemCaller, name: 'demo-seed' }, requestId: null };
  const publicCtx: ServiceContext = { ...ctx, caller: { ...systemCaller, name: 'public-form' } };
  const rand = prng(20260303);
  const year = clock.now().getUTCFullYear();
  const usedNames = new Set<string>();
  const usedCounties = new Set<string>();

  const person = () => `${rand.pick(NAME_PARTS.surnames)}${rand.pick(NAME_PARTS.given)}${rand.next() < 0.5 ? rand.pick(NAME_PARTS.given) : ''}`;
  const phone = () => `1${rand.pick(['35', '37', '38', '39', '58', '86'])}${String(rand.int(0, 99_999_999)).padStart(8, '0')}`;
  const creditCode = (cityCode: string) => {
    let body = `91${cityCode}MA`;
    for (let i = 0; i < 7; i++) body += CREDIT_CODE_CHARSET[rand.int(0, 30)];
    return body + creditCodeCheckChar(body)!;
  };
  const countiesOf = (cityCode: string) => regionIndex().get(cityCode)?.children ?? [];
  /** A county of the city nobody holds and no other seeded contract took. */
  const freeCounty = async (cityCode: string) => {
    for (const code of countiesOf(cityCode)) {
      if (usedCounties.has(code)) continue;
      if ((await overlappingTerritories(db, [code], [])).length === 0) {
        usedCounties.add(code);
        return code;
      }
    }
    return undefined;
  };
  const screenWith = (id: string, base: number, knockOuts: string[] = []) =>
    screenProspect(ctx, id, {
      scores: DEFAULT_SCREENING.criteria.map((c) => ({ criterion: c.key, score: Math.max(0, Math.min(100, base + rand.int(-9, 9))) })),
      knockOuts,
      note: knockOuts.length ? '工商信息显示存在重大债务纠纷' : undefined,
    });
  /** A passing screening: scored until the weighted total clears the pass mark. */
  const screenPassing = async (id: string) => {
    for (let base = 80; ; base += 3) if ((await screenWith(id, base)).passed) return;
  };
  const statements = (id: string) => {
    const revenue = rand.int(30, 400) * 1_000_000_00;
    let r = revenue;
    const years = [];
    for (let y = year - 3; y < year; y++) {
      r = Math.round(r * (1 + rand.int(-5, 20) / 100));
      const totalAssets = Math.round((r * rand.int(55, 95)) / 100);
      const equity = Math.round((totalAssets * rand.int(28, 60)) / 100);
      const liabilities = totalAssets - equity;
      const currentAssets = Math.round((totalAssets * rand.int(55, 80)) / 100);
      years.push({
        year: y,
        revenueFen: r,
        netProfitFen: Math.round((r * rand.int(-2, 9)) / 100),
        totalAssetsFen: totalAssets,
        equityFen: equity,
        totalLiabilitiesFen: liabilities,
        currentAssetsFen: currentAssets,
        currentLiabilitiesFen: Math.round((liabilities * rand.int(60, 95)) / 100),
        inventoryFen: Math.round((currentAssets * rand.int(20, 45)) / 100),
        receivablesFen: Math.round((r * rand.int(25, 90)) / 365),
        cogsFen: Math.round((r * rand.int(72, 86)) / 100),
        operatingCashFlowFen: Math.round((r * rand.int(-3, 10)) / 100),
      });
    }
    return saveStatements(ctx, id, { years });
  };
  /** Works through the checklists: `share` of the items closed (some with issues), the rest in progress. */
  const workChecklists = async (id: string, share: number) => {
    const items = (await getChecklists(ctx, id)).checklists.flatMap((c) => c.items);
    for (const [i, item] of items.entries()) {
      const closed = i < Math.round(items.length * share);
      const status = closed ? (rand.next() < 0.12 ? 'issue' : rand.next() < 0.08 ? 'not_applicable' : 'verified') : rand.next() < 0.5 ? 'in_progress' : 'pending';
      if (status === 'pending') continue;
      await updateItem(ctx, id, item.id, { owner: rand.pick(OWNERS), status, ...(status === 'issue' ? { note: '发现问题，已记录为风险项' } : {}) });
    }
  };
  const findings = async (id: string, count: number, severe = false) => {
    const pool: ['A' | 'B' | 'C', string, string][] = [
      ['A', 'legal_disputes', '存在一起已结案的买卖合同纠纷'],
      ['A', 'reputation', '部分终端反映售后响应偏慢'],
      ['B', 'working_capital', '应收账款周转天数高于行业均值'],
      ['B', 'cash_flow', '上年度经营现金流为负'],
      ['C', 'environmental_permits', '仓库环保许可将于半年内到期'],
      ['C', 'stress_scenario', '市场下滑20%时资金仅能维持约40天库存'],
    ];
    for (let i = 0; i < count; i++) {
      const [checklist, item, note] = pool[(i + rand.int(0, pool.length - 1)) % pool.length];
      await addFinding(ctx, id, { checklist, item, likelihood: severe && i === 0 ? 4 : rand.int(1, 4), impact: severe && i === 0 ? 5 : rand.int(1, 4), note });
    }
  };

  for (const [n, target] of SEASON.entries()) {
    const cityCode = SEASON_CITIES[n % SEASON_CITIES.length];
    const city = CITIES.find((c) => c.code === cityCode)!;
    let name = '';
    do name = `${city.name}${rand.pick(NAME_PARTS.prefix)}${rand.pick(NAME_PARTS.suffix)}`;
    while (usedNames.has(name));
    usedNames.add(name);
    const counties = countiesOf(cityCode);
    // Some want the whole city (and so overlap exclusive counties already held: a warning), most one or two counties.
    const regionCodes = n % 5 === 0 || counties.length === 0 ? [cityCode] : [...new Set([counties[n % counties.length], counties[(n * 7 + 3) % counties.length]])];
    const outlets = rand.int(8, 260);
    const body: CreateProspectBody = {
      name,
      contactName: person(),
      phone: phone(),
      regionCodes,
      ...(target === 'new' && n % 3 === 0
        ? {}
        : {
            contactTitle: rand.pick(['总经理', '董事长', '销售总监']),
            unifiedSocialCreditCode: creditCode(cityCode),
            foundedYear: rand.int(2003, 2021),
            registeredCapitalFen: rand.int(5, 200) * 10_000_00,
            outletCount: outlets,
            citiesCovered: rand.int(1, 4),
            countiesCovered: rand.int(2, 18),
            keyAccounts: rand.next() < 0.6 ? [rand.pick(['华润万家', '永辉超市', '苏宁易购', '国美电器', '大润发']), rand.pick(['京东家电专卖店', '天猫优品', '本地连锁卖场'])] : [],
            liquidFundsFen: rand.int(3, 80) * 100_000_00,
            debtToAssetRatio: rand.int(25, 75) / 100,
            profitableYears: rand.int(0, 12),
            dsoDays: rand.int(20, 95),
            inventoryTurnover: rand.int(30, 120) / 10,
            salesHeadcount: rand.int(4, 80),
            yearsOfExperience: rand.int(2, 20),
            afterSales: rand.pick(['自有售后团队，24小时响应', '与第三方服务商合作', '仅提供基础退换货', '自有服务网点3个，定期回访']),
          }),
    };
    const p = n < 2 ? await createProspect(publicCtx, body, { source: 'public_form' }) : await createProspect(ctx, body);
    if (target === 'new') continue;

    if (target === 'screening') {
      // Scored, still being screened: some ready to go on, some below the bar, one knocked out.
      await screenWith(p.id, [84, 78, 66, 61, 92, 73][n % 6], n % 6 === 4 ? ['licence_revoked'] : []);
      continue;
    }
    if (target === 'rejected:knockout') {
      await screenWith(p.id, 82, ['major_debt_dispute']);
      await decideProspect(ctx, p.id, { decision: 'reject', reasons: ['一票否决：存在重大债务纠纷'] });
      continue;
    }
    if (target === 'rejected:score') {
      await screenWith(p.id, 55);
      await decideProspect(ctx, p.id, { decision: 'reject', reasons: ['筛选得分低于70分', '网点覆盖不足'] });
      continue;
    }

    await screenPassing(p.id);
    await transitionProspect(ctx, p.id, 'due_diligence', '筛选通过，进入尽职调查');
    await statements(p.id);
    if (target === 'due_diligence') {
      await workChecklists(p.id, rand.int(2, 8) / 10);
      await findings(p.id, rand.int(0, 2));
      continue;
    }
    if (target === 'rejected:risk') {
      await workChecklists(p.id, 0.5);
      await findings(p.id, 2, true);
      await decideProspect(ctx, p.id, { decision: 'reject', reasons: ['尽调发现重大风险（风险矩阵：严重）'] });
      continue;
    }
    await workChecklists(p.id, 1);
    await findings(p.id, rand.int(1, 3));
    if (target === 'rejected:decision') {
      await transitionProspect(ctx, p.id, 'decision', '尽职调查完成，提交决策');
      await decideProspect(ctx, p.id, { decision: 'reject', reasons: ['压力测试不通过：市场下滑20%时无法维持60天库存'] });
      continue;
    }
    if (target === 'decision') {
      // Awaiting the decision, approved, or approved with conditions (and not yet signed).
      const k = n % 3;
      if (k === 0) await transitionProspect(ctx, p.id, 'decision', '尽职调查完成，提交决策');
      else
        await decideProspect(ctx, p.id, k === 1 ? { decision: 'approve', reasons: ['渠道网络完善', '财务稳健'] } : { decision: 'conditional', reasons: ['首年信用额度减半', '三个月内补齐环保许可'] });
      continue;
    }
    // converted
    await decideProspect(ctx, p.id, { decision: 'approve', reasons: ['综合评分优秀', '尽调无重大风险'] });
    const county = await freeCounty(cityCode);
    if (!county) continue; // a city fully held: leave it approved, awaiting a territory
    const tier: Tier = rand.pick(['bronze', 'silver', 'gold'] as const);
    await convertProspect(ctx, p.id, {
      contract: {
        territory: [{ regionCode: county, exclusive: n % 2 === 0 }],
        tier,
        creditLimitFen: rand.int(50, 300) * 1_000_000,
        paymentTermDays: rand.pick([30, 45, 60]),
        startsOn: `${year}-${String(rand.int(1, 12)).padStart(2, '0')}-01`,
        endsOn: `${year + 2}-12-31`,
        vmi: rand.next() < 0.3,
        rebatePolicy: `返利政策 ${year} ${tier === 'gold' ? '金牌' : tier === 'silver' ? '银牌' : '铜牌'}`,
        annualTargetFen: rand.int(5, 50) * 1_000_000_00,
      },
    });
  }

  const rows = await db
    .selectFrom('prospects')
    .select(['stage', (eb) => eb.fn.countAll().as('n')])
    .groupBy('stage')
    .execute();
  const byStage = Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)]));
  return { prospects: Object.values(byStage).reduce((a, b) => a + b, 0), byStage };
}
