// Star dealers and awards, the joint profit pool per region and the risk fund (C8, C14).
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Input, InputNumber, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IncentiveAward, ProfitPool, RiskClaim, RiskFundEntry, StarDealer } from '../../../shared/schemas/points.js';
import { useAccess } from '../../lib/access';
import { api } from '../../lib/api';
import { formatDate, formatFen } from '../../lib/format';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { incentiveKeys, useIncentiveMutation } from './api';

export default function SharedEconomicsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { message } = App.useApp();
  const configure = can('incentives.configure');
  const [year, setYear] = useState(dayjs().year() - 1);
  const starFilters = useMemo(() => ({ year }), [year]);
  const stars = useCursorList<StarDealer>([...incentiveKeys.all, 'stars'], '/star-dealers', starFilters);
  const runStars = useIncentiveMutation<{ year: number }, { evaluated: number; stars: number }>('/star-dealers/runs');
  const awards = useCursorList<IncentiveAward>([...incentiveKeys.all, 'awards'], '/awards', {});
  const decideAward = useIncentiveMutation<{ id: string; to: 'awarded' | 'declined'; amountFen?: number }>((b) => `/awards/${b.id}/decision`);
  const pools = useCursorList<ProfitPool>([...incentiveKeys.all, 'pools'], '/profit-pools', {});
  const runPool = useIncentiveMutation<{ regionCode: string; period: string }>('/profit-pools/runs');
  const [region, setRegion] = useState<string | null>(null);
  const [poolPeriod, setPoolPeriod] = useState(`${dayjs().year() - 1}`);
  const fund = useQuery({
    queryKey: [...incentiveKeys.all, 'fund'],
    queryFn: ({ signal }) => api.get<{ balanceFen: number; contributedFen: number; paidOutFen: number; grantedFen: number; openClaims: number }>('/risk-fund', undefined, signal),
  });
  const entries = useCursorList<RiskFundEntry>([...incentiveKeys.all, 'fund-entries'], '/risk-fund/entries', {});
  const claims = useCursorList<RiskClaim>([...incentiveKeys.all, 'claims'], '/risk-fund/claims', {});
  const decideClaim = useIncentiveMutation<{ id: string; to: 'approved' | 'rejected' }>((b) => `/risk-fund/claims/${b.id}/decision`);

  const starTab = (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <InputNumber value={year} min={2000} max={2100} onChange={(n) => n && setYear(n)} addonBefore={t('incentives.stars.year')} />
        {configure && (
          <Button type="primary" loading={runStars.isPending} onClick={() => runStars.mutate({ year }, { onSuccess: (r) => void message.success(t('incentives.stars.ran', r)) })}>
            {t('incentives.stars.run')}
          </Button>
        )}
        <ExportButton path="/star-dealers" params={starFilters} filename="star-dealers" />
      </Space>
      <CursorTable<StarDealer>
        query={stars}
        rowKey="dealerId"
        columns={[
          { title: t('incentives.col.dealer'), render: (_, s) => `${s.dealerCode} ${s.dealerName}` },
          {
            title: t('incentives.stars.status'),
            render: (_, s) =>
              s.star ? <Tag color="gold">★ {t('incentives.stars.star')}</Tag> : <Tag>{t(s.years.some((y) => y.targetFen === null) ? 'incentives.stars.noTarget' : 'incentives.stars.notStar')}</Tag>,
          },
          {
            title: t('incentives.stars.years'),
            render: (_, s) => s.years.map((y) => `${y.year}: ${y.completion === null ? t('incentives.stars.noTarget') : `${Math.round(y.completion * 100)}%`}`).join(' · '),
          },
          { title: t('incentives.stars.cumulative'), align: 'right', render: (_, s) => formatFen(s.cumulativeSalesFen) },
          { title: t('incentives.stars.loyalty'), align: 'right', render: (_, s) => (s.star ? `${formatFen(s.loyaltyBonusFen)} (${(s.loyaltyRate * 100).toFixed(2)}%)` : '-') },
          { title: t('incentives.stars.priority'), render: (_, s) => (s.renewalPriority ? <Tag color="green">{t('incentives.stars.priorityYes')}</Tag> : '') },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('incentives.stars.awards')}
      </Typography.Title>
      <CursorTable<IncentiveAward>
        query={awards}
        rowKey="id"
        columns={[
          { title: t('incentives.stars.year'), dataIndex: 'year' },
          { title: t('incentives.stars.category'), render: (_, a) => t(`incentives.award.${a.category}`) },
          { title: t('incentives.col.dealer'), dataIndex: 'dealerName' },
          { title: t('incentives.stars.citation'), dataIndex: 'citation' },
          { title: t('incentives.col.status'), render: (_, a) => <Tag color={a.status === 'awarded' ? 'gold' : undefined}>{t(`incentives.award.${a.status}`)}</Tag> },
          { title: t('incentives.col.amount'), align: 'right', render: (_, a) => formatFen(a.amountFen) },
          {
            title: t('incentives.col.actions'),
            render: (_, a) =>
              configure &&
              a.status === 'nominated' && (
                <Space size={4}>
                  <Button size="small" type="primary" onClick={() => decideAward.mutate({ id: a.id, to: 'awarded', amountFen: 2_000_000 })}>
                    {t('incentives.award.grant')}
                  </Button>
                  <Button size="small" onClick={() => decideAward.mutate({ id: a.id, to: 'declined' })}>
                    {t('incentives.award.decline')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </>
  );

  const poolTab = (
    <>
      {configure && (
        <Space style={{ marginBottom: 12 }} wrap>
          <RegionPicker value={region} onChange={(code?: string) => setRegion(code ?? null)} placeholder={t('incentives.pool.region')} style={{ width: 220 }} />
          <Input value={poolPeriod} onChange={(e) => setPoolPeriod(e.target.value.trim())} style={{ width: 110 }} />
          <Button type="primary" disabled={!region} loading={runPool.isPending} onClick={() => region && runPool.mutate({ regionCode: region, period: poolPeriod })}>
            {t('incentives.pool.run')}
          </Button>
        </Space>
      )}
      <CursorTable<ProfitPool>
        query={pools}
        rowKey="id"
        expandable={{
          expandedRowRender: (p) => (
            <Table
              size="small"
              rowKey="dealerId"
              pagination={false}
              dataSource={p.shares}
              columns={[
                { title: t('incentives.col.dealer'), dataIndex: 'dealerName' },
                { title: t('incentives.pool.contribution'), align: 'right', render: (_, s) => formatFen(s.contributionFen) },
                { title: t('incentives.pool.share'), align: 'right', render: (_, s) => formatFen(s.shareFen) },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('incentives.pool.region'), dataIndex: 'regionCode' },
          { title: t('incentives.col.period'), dataIndex: 'period' },
          { title: t('incentives.pool.baseline'), align: 'right', render: (_, p) => formatFen(p.baselineFen) },
          { title: t('incentives.pool.actual'), align: 'right', render: (_, p) => formatFen(p.actualFen) },
          { title: t('incentives.pool.pool'), align: 'right', render: (_, p) => `${formatFen(p.poolFen)} (${(p.poolRate * 100).toFixed(1)}%)` },
          { title: t('incentives.pool.hq'), align: 'right', render: (_, p) => formatFen(p.hqFen) },
          { title: t('incentives.pool.dealers'), align: 'right', render: (_, p) => formatFen(p.dealersFen) },
        ]}
      />
    </>
  );

  const f = fund.data;
  const fundTab = (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('incentives.fund.balance')} value={formatFen(f?.balanceFen)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('incentives.fund.contributed')} value={formatFen(f?.contributedFen)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('incentives.fund.paidOut')} value={formatFen(f?.paidOutFen)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('incentives.fund.granted')} value={formatFen(f?.grantedFen)} />
        </Col>
      </Row>
      <Typography.Title level={5}>{t('incentives.fund.claims')}</Typography.Title>
      <CursorTable<RiskClaim>
        query={claims}
        rowKey="id"
        columns={[
          { title: t('incentives.col.date'), render: (_, c) => formatDate(c.createdAt) },
          { title: t('incentives.col.dealer'), dataIndex: 'dealerName' },
          { title: t('incentives.fund.loss'), align: 'right', render: (_, c) => formatFen(c.lossFen) },
          { title: t('incentives.fund.reason'), dataIndex: 'reason' },
          { title: t('incentives.fund.evidence'), render: (_, c) => c.evidence.join('；') },
          {
            title: t('incentives.col.status'),
            render: (_, c) => <Tag color={c.status === 'approved' ? 'green' : c.status === 'submitted' ? 'orange' : undefined}>{t(`incentives.claim.${c.status}`)}</Tag>,
          },
          { title: t('incentives.fund.payout'), align: 'right', render: (_, c) => (c.payoutFen === null ? '-' : formatFen(c.payoutFen)) },
          {
            title: t('incentives.col.actions'),
            render: (_, c) =>
              configure &&
              c.status === 'submitted' && (
                <Space size={4}>
                  <Button size="small" type="primary" onClick={() => decideClaim.mutate({ id: c.id, to: 'approved' })}>
                    {t('incentives.claim.approve')}
                  </Button>
                  <Button size="small" onClick={() => decideClaim.mutate({ id: c.id, to: 'rejected' })}>
                    {t('incentives.claim.reject')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('incentives.fund.entries')}
      </Typography.Title>
      <CursorTable<RiskFundEntry>
        query={entries}
        rowKey="id"
        columns={[
          { title: t('incentives.col.date'), render: (_, e) => formatDate(e.createdAt) },
          { title: t('incentives.col.dealer'), dataIndex: 'dealerName' },
          { title: t('incentives.col.kind'), render: (_, e) => t(`incentives.fundKind.${e.kind}`) },
          { title: t('incentives.col.amount'), align: 'right', render: (_, e) => formatFen(e.amountFen) },
          { title: t('incentives.col.note'), dataIndex: 'note' },
        ]}
      />
    </>
  );

  return (
    <div data-testid="shared-economics-page">
      <PageHeader title={t('incentives.menu.shared')} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'stars', label: t('incentives.stars.title'), children: starTab },
            { key: 'pool', label: t('incentives.pool.title'), children: poolTab },
            { key: 'fund', label: t('incentives.fund.title'), children: fundTab },
          ]}
        />
      </Card>
    </div>
  );
}
