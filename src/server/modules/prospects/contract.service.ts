// Conversion of an approved prospect into an active dealer with its contract (C3), and the
// contract document.
import type { ConvertBody, Dealer, Tier } from '../../../shared/schemas/index.js';
import type { DealerContractsTable } from '../../db/types.js';
import { systemCaller, type ServiceContext } from '../../core/caller.js';
import { requirePermission } from '../../core/access.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { assertRegionCodes } from '../regions/regions.service.js';
import { createDealer, getDealer } from '../dealers/dealers.service.js';
import { duplicateRegion } from '../dealers/dealers.rules.js';
import { loadProspect } from './prospects.service.js';
import { recordStage } from './stages.js';
import * as repo from './prospects.repo.js';
import { dealerCodeFor } from './prospects.rules.js';
import { TIER_NAMES, dateZh, rmbUpper, yuanText } from './contract.rules.js';
import { renderDocx, type Block } from './contract.docx.js';
import { readSetting } from '../../core/settings.js';
import { CONTRACT_SETTINGS } from './prospects.settings.js';
import { isRealDate } from '../../../shared/dates.js';

async function checkContract(ctx: ServiceContext, contract: ConvertBody['contract']) {
  assertRegionCodes(contract.territory.map((t, i) => ({ code: t.regionCode, path: `/contract/territory/${i}/regionCode` })));
  const dup = duplicateRegion(contract.territory);
  if (dup >= 0) throw invalid(`/contract/territory/${dup}/regionCode`, 'is listed twice');
  for (const key of ['startsOn', 'endsOn'] as const) {
    const value = contract[key];
    if (value && !isRealDate(value)) throw invalid(`/contract/${key}`, 'is not a real date');
  }
  if (contract.startsOn && contract.endsOn && contract.endsOn < contract.startsOn) throw invalid('/contract/endsOn', 'must not be before startsOn');
  if (contract.priceListId && !(await repo.priceListName(ctx.db, contract.priceListId))) throw invalid('/contract/priceListId', 'is not an existing price list');
}

/**
 * Signs the contract of an approved (or conditionally approved) prospect: the dealer is created
 * through the dealers service (status active, exclusivity checked there: a conflict is a 409
 * naming the holder), then the prospect is marked converted with its contract. The dealer code
 * derives from the prospect number, so two racing conversions collide on it.
 */
export async function convertProspect(ctx: ServiceContext, id: string, body: ConvertBody): Promise<Dealer> {
  const row = await loadProspect(ctx, id);
  requirePermission(ctx.caller, 'prospects.decide');
  if (row.stage !== 'decision' || (row.decision !== 'approve' && row.decision !== 'conditional')) {
    const state = row.stage === 'decision' ? `awaiting a decision` : row.stage;
    throw new AppError('INVALID_TRANSITION', `Prospect ${row.number} is ${state}: only an approved prospect can be converted`, undefined, {
      from: row.stage,
      to: 'converted',
      decision: row.decision,
    });
  }
  const contract = body.contract;
  await checkContract(ctx, contract);
  const details = JSON.parse(row.details || '{}') as { contactTitle?: string; email?: string; address?: string };
  const code = contract.dealerCode ?? dealerCodeFor(row.number);
  const dealer = await createDealer(
    ctx,
    {
      code,
      name: row.name,
      level: 1,
      tier: contract.tier,
      territory: contract.territory,
      creditLimitFen: contract.creditLimitFen,
      paymentTermDays: contract.paymentTermDays,
      vmi: contract.vmi ?? false,
      contacts: [
        {
          name: row.contact_name,
          phone: row.phone,
          ...(details.contactTitle ? { title: details.contactTitle } : {}),
          ...(details.email ? { email: details.email } : {}),
          primary: true,
        },
      ],
      unifiedSocialCreditCode: row.unified_social_credit_code,
      address: details.address ?? null,
      contractStartsOn: contract.startsOn ?? null,
      contractEndsOn: contract.endsOn ?? null,
    },
    { status: 'active', reason: `Converted from prospect ${row.number}: contract signed` },
  );
  const now = ctx.clock.now().toISOString();
  const contractRow: DealerContractsTable = {
    id: newId('ctr'),
    dealer_id: dealer.id,
    prospect_id: row.id,
    territory: JSON.stringify(contract.territory),
    tier: contract.tier,
    credit_limit_fen: contract.creditLimitFen,
    payment_term_days: contract.paymentTermDays,
    starts_on: contract.startsOn ?? null,
    ends_on: contract.endsOn ?? null,
    price_list_id: contract.priceListId ?? null,
    vmi: contract.vmi ? 1 : 0,
    rebate_policy: contract.rebatePolicy ?? null,
    annual_target_fen: contract.annualTargetFen ?? null,
    conditions: row.decision === 'conditional' ? row.decision_reasons : null,
    created_by: ctx.caller.name,
    created_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await recordStage(trx, ctx, row, 'converted', `Contract signed: dealer ${code}`, { dealer_id: dealer.id });
    await trx.insertInto('dealer_contracts').values(contractRow).execute();
    await appendAudit(trx, ctx, { action: 'prospect.convert', entityType: 'prospect', entityId: row.id, change: { dealerId: dealer.id, code, contract } });
  });
  return dealer;
}

// ---- the document ----------------------------------------------------------------------------
async function documentFor(ctx: ServiceContext, dealer: Dealer) {
  const contract = await repo.contractOfDealer(ctx.db, dealer.id);
  const priceList = contract?.price_list_id ? await repo.priceListName(ctx.db, contract.price_list_id) : undefined;
  const { companyName } = await readSetting(ctx.db, CONTRACT_SETTINGS);
  const conditions = contract?.conditions ? (JSON.parse(contract.conditions) as string[]) : [];
  const tier = (contract?.tier ?? dealer.tier) as Tier;
  const creditLimitFen = contract ? Number(contract.credit_limit_fen) : dealer.creditLimitFen;
  const paymentTermDays = contract?.payment_term_days ?? dealer.paymentTermDays;
  const contact = dealer.contacts.find((c) => c.primary) ?? dealer.contacts[0];
  const blocks: Block[] = [
    { kind: 'title', text: '经销商合作协议' },
    { kind: 'paragraph', text: `合同编号：${dealer.code}-${(contract?.created_at ?? dealer.createdAt).slice(0, 10).replace(/-/g, '')}` },
    { kind: 'paragraph', text: `甲方（厂商）：${companyName.trim() || '________________'}` },
    { kind: 'paragraph', text: `乙方（经销商）：${dealer.name}` },
    { kind: 'paragraph', text: `统一社会信用代码：${dealer.unifiedSocialCreditCode ?? '________________'}` },
    { kind: 'paragraph', text: `地址：${dealer.address ?? '________________'}` },
    { kind: 'paragraph', text: `联系人：${contact ? `${contact.name}${contact.phone ? `（${contact.phone}）` : ''}` : '________'}` },
    { kind: 'paragraph', text: '甲乙双方本着平等互利、长期共赢的原则，经友好协商，就乙方经销甲方产品事宜达成如下协议：' },
    { kind: 'heading', text: '第一条 授权区域' },
    { kind: 'paragraph', text: '甲方授权乙方在下列区域内经销甲方产品。独家区域内甲方不再授权其他经销商；乙方不得在授权区域以外销售（窜货），违者按甲方窜货管理规定处理。' },
    {
      kind: 'table',
      header: ['序号', '区域', '区划代码', '授权方式'],
      rows: dealer.territory.map((t, i) => [String(i + 1), t.regionName, t.regionCode, t.exclusive ? '独家' : '非独家']),
      widths: [900, 4600, 1700, 1800],
    },
    { kind: 'heading', text: '第二条 合作期限' },
    { kind: 'paragraph', text: `本协议自${dateZh(contract?.starts_on ?? dealer.contractStartsOn)}起至${dateZh(contract?.ends_on ?? dealer.contractEndsOn)}止。` },
    { kind: 'heading', text: '第三条 经销等级与价格' },
    { kind: 'paragraph', text: `乙方经销等级为${TIER_NAMES[tier]}经销商，执行${priceList ? `《${priceList.name}》` : `甲方${TIER_NAMES[tier]}经销价格表`}。乙方零售价不得低于甲方规定的最低零售价。` },
    { kind: 'heading', text: '第四条 信用额度与付款' },
    {
      kind: 'paragraph',
      text: `甲方给予乙方信用额度人民币${yuanText(creditLimitFen)}元（大写：${rmbUpper(creditLimitFen)}），账期${paymentTermDays}天。乙方未结货款加在途订单不得超过信用额度。`,
    },
    { kind: 'heading', text: '第五条 返利政策' },
    { kind: 'paragraph', text: contract?.rebate_policy ? `返利按甲方返利政策「${contract.rebate_policy}」执行。` : '返利按甲方当年度发布的经销商返利政策执行。' },
    { kind: 'heading', text: '第六条 年度目标与库存' },
    {
      kind: 'paragraph',
      text: `${contract?.annual_target_fen ? `乙方年度销售目标为人民币${yuanText(Number(contract.annual_target_fen))}元（大写：${rmbUpper(Number(contract.annual_target_fen))}）。` : ''}${
        (contract ? contract.vmi === 1 : dealer.vmi) ? '双方采用供应商管理库存（VMI）模式，由甲方根据销售预测生成补货订单，乙方确认。' : '乙方自行管理库存，并按甲方要求报送库存与销售数据。'
      }`,
    },
  ];
  if (conditions.length) {
    blocks.push({ kind: 'heading', text: '第七条 附加条件' }, ...conditions.map((c, i) => ({ kind: 'paragraph' as const, text: `${i + 1}. ${c}` })));
  }
  blocks.push(
    { kind: 'heading', text: `第${conditions.length ? '八' : '七'}条 其他` },
    { kind: 'paragraph', text: '本协议一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。未尽事宜，双方协商解决。' },
    { kind: 'paragraph', text: '甲方（盖章）：________________        乙方（盖章）：________________' },
    { kind: 'paragraph', text: '授权代表：____________                授权代表：____________' },
    { kind: 'paragraph', text: '日期：____年__月__日                  日期：____年__月__日' },
  );
  return renderDocx({ title: `经销商合作协议 ${dealer.code} ${dealer.name}`, blocks }, ctx.clock.now());
}

/** The contract of a dealer the caller may see (its current terms when it was entered without one). */
export async function dealerContractDocx(ctx: ServiceContext, dealerId: string) {
  const dealer = await getDealer(ctx, dealerId);
  return { dealer, data: await documentFor(ctx, dealer) };
}

/** The contract of a converted prospect (the prospect's visibility decides; its dealer follows). */
export async function prospectContractDocx(ctx: ServiceContext, prospectId: string) {
  const row = await loadProspect(ctx, prospectId);
  if (!row.dealer_id) throw notFound(`A contract of prospect ${row.number} (it is ${row.stage}, not converted)`);
  const dealer = await getDealer({ ...ctx, caller: systemCaller }, row.dealer_id);
  return { dealer, data: await documentFor(ctx, dealer) };
}
