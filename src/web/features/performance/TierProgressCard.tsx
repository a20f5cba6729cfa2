import { Card, Descriptions, Progress, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { formatFen } from '../../lib/format';

interface TierProgress {
  tier: string;
  reachedTier: string;
  annualSalesFen: number;
  coverage: number;
  nextTier: string | null;
  salesGapFen: number;
  coverageGap: number;
  from: string;
  to: string;
  policyVersion: number;
  /** the incentive policy's ladder: the same one "my incentives" grades on */
  tiers: { tier: string; name: string; minAnnualSalesFen: number; minCoverage: number; rebateRate: number }[];
}

/** Where the dealer stands on the incentive policy's ladder and what it needs for the next tier (C8). */
export function TierProgressCard({ dealerId, year }: { dealerId: string; year: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['tier-progress', dealerId, year], queryFn: () => api.get<TierProgress>(`/dealers/${dealerId}/tier-progress`, { year }) });
  const p = q.data;
  if (!p) return null;
  const next = p.tiers.find((x) => x.tier === p.nextTier);
  const name = (code: string) => t(`performance.tiers.${code}`, { defaultValue: p.tiers.find((x) => x.tier === code)?.name ?? code });
  return (
    <Card title={t('performance.tier.title', { year })} style={{ marginTop: 16 }} data-testid="tier-progress">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('performance.tier.current')}>
          <Tag>{name(p.tier)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('performance.tier.reached')}>
          <Tag color="blue">{name(p.reachedTier)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('performance.tier.next')}>{p.nextTier ? name(p.nextTier) : t('performance.tier.top')}</Descriptions.Item>
        <Descriptions.Item label={t('performance.tier.sales')}>{formatFen(p.annualSalesFen)}</Descriptions.Item>
        <Descriptions.Item label={t('performance.tier.coverage')}>{p.coverage}</Descriptions.Item>
        <Descriptions.Item label={t('performance.tier.basis')} span={3}>
          {t('performance.tier.window', { from: p.from, to: p.to, version: p.policyVersion })}
        </Descriptions.Item>
        {next && <Descriptions.Item label={t('performance.tier.needs')}>{t('performance.tier.gap', { sales: formatFen(p.salesGapFen), coverage: p.coverageGap })}</Descriptions.Item>}
      </Descriptions>
      {next && (
        <>
          <Progress percent={Math.min(100, Math.round((p.annualSalesFen / Math.max(1, next.minAnnualSalesFen)) * 100))} format={(v) => `${t('performance.tier.sales')} ${v}%`} />
          <Progress percent={Math.min(100, Math.round((p.coverage / Math.max(1, next.minCoverage)) * 100))} format={(v) => `${t('performance.tier.coverage')} ${v}%`} />
        </>
      )}
    </Card>
  );
}
