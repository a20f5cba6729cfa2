// Policy editor and simulator: change tiers, rebate steps or points rules, price the change on the
// last 12 months of actual data against the current policy, then publish it from a date.
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Input, InputNumber, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { IncentivePolicy, PolicyTier, SimulatedDealer } from '../../../shared/schemas/incentives.js';
import { useAccess } from '../../lib/access';
import { formatFen } from '../../lib/format';
import { EChart } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/QueryState';
import { usePolicies, usePublishPolicy, useSimulate } from './api';

const pct = (rate: number) => Math.round(rate * 1_000_000) / 10_000;
const rateOf = (percent: number | null) => Math.round((percent ?? 0) * 100) / 10_000;
const yuan = (fen: number) => Math.round(fen / 100);

export default function PolicyPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { message } = App.useApp();
  const policies = usePolicies();
  const simulate = useSimulate();
  const publish = usePublishPolicy();
  const [draft, setDraft] = useState<IncentivePolicy | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(dayjs().add(1, 'month').startOf('month'));
  const [note, setNote] = useState('');
  useEffect(() => {
    if (policies.data && !draft) setDraft(structuredClone(policies.data.current.policy));
  }, [policies.data, draft]);
  const sim = simulate.data;
  // Known tier codes read in the interface language; a custom tier shows the name the policy gives it.
  const tierName = useMemo(
    () => Object.fromEntries([...(policies.data?.current.policy.tiers ?? []), ...(draft?.tiers ?? [])].map((x) => [x.code, t(`enums.tier.${x.code}`, { defaultValue: x.name })])),
    [policies.data, draft, t],
  );
  if (!draft || !policies.data) return <Loading />;

  const setTier = (i: number, patch: Partial<PolicyTier>) => setDraft({ ...draft, tiers: draft.tiers.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const chart = sim && {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0, data: [t('incentives.policy.current'), t('incentives.policy.proposed')] },
    grid: { left: 70, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: sim.byTier.map((b) => tierName[b.tier] ?? b.tier) },
    yAxis: { type: 'value', name: t('incentives.policy.yuan') },
    series: [
      { name: t('incentives.policy.current'), type: 'bar', data: sim.byTier.map((b) => yuan(b.currentFen)) },
      { name: t('incentives.policy.proposed'), type: 'bar', data: sim.byTier.map((b) => yuan(b.proposedFen)) },
    ],
  };
  const countChart = sim && {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0, data: [t('incentives.policy.current'), t('incentives.policy.proposed')] },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: sim.byTier.map((b) => tierName[b.tier] ?? b.tier) },
    yAxis: { type: 'value', name: t('incentives.policy.dealers'), minInterval: 1 },
    series: [
      { name: t('incentives.policy.current'), type: 'bar', data: sim.byTier.map((b) => b.currentDealers) },
      { name: t('incentives.policy.proposed'), type: 'bar', data: sim.byTier.map((b) => b.proposedDealers) },
    ],
  };

  return (
    <div data-testid="policy-page">
      <PageHeader
        title={t('incentives.menu.policy')}
        sub={
          policies.data.current.version === 0 ? t('incentives.policy.defaults') : t('incentives.policy.version', { version: policies.data.current.version, from: policies.data.current.effectiveFrom })
        }
      />
      <Card size="small" title={t('incentives.policy.tiers')} style={{ marginBottom: 16 }}>
        <Table<PolicyTier>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={draft.tiers}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('incentives.policy.tierCode'), dataIndex: 'code' },
            { title: t('incentives.policy.tierName'), render: (_, x, i) => <Input size="small" value={x.name} onChange={(e) => setTier(i, { name: e.target.value })} style={{ width: 90 }} /> },
            {
              title: t('incentives.policy.minSales'),
              render: (_, x, i) => (
                <InputNumber
                  size="small"
                  min={0}
                  step={100_000}
                  value={x.minAnnualSalesFen / 100}
                  onChange={(n) => setTier(i, { minAnnualSalesFen: Math.round((n ?? 0) * 100) })}
                  style={{ width: 150 }}
                  data-testid={`tier-min-${x.code}`}
                />
              ),
            },
            { title: t('incentives.policy.minCoverage'), render: (_, x, i) => <InputNumber size="small" min={0} value={x.minCoverage} onChange={(n) => setTier(i, { minCoverage: n ?? 0 })} /> },
            {
              title: t('incentives.policy.rebateRate'),
              render: (_, x, i) => (
                <InputNumber size="small" min={0} max={100} step={0.1} value={pct(x.rebateRate)} onChange={(n) => setTier(i, { rebateRate: rateOf(n) })} addonAfter="%" style={{ width: 110 }} />
              ),
            },
          ]}
        />
        <Row gutter={[16, 8]} style={{ marginTop: 12 }}>
          <Col xs={12} md={6}>
            <Typography.Text type="secondary">{t('incentives.policy.bonus')}</Typography.Text>
            <InputNumber
              min={0}
              max={100}
              step={0.1}
              value={pct(draft.overAchievementRate)}
              onChange={(n) => setDraft({ ...draft, overAchievementRate: rateOf(n) })}
              addonAfter="%"
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6}>
            <Typography.Text type="secondary">{t('incentives.policy.brandFund')}</Typography.Text>
            <InputNumber
              min={0}
              max={100}
              step={0.1}
              value={pct(draft.brandFund.rate)}
              onChange={(n) => setDraft({ ...draft, brandFund: { ...draft.brandFund, rate: rateOf(n) } })}
              addonAfter="%"
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={4}>
            <Typography.Text type="secondary">{t('incentives.policy.taskPoints')}</Typography.Text>
            <InputNumber min={0} value={draft.points.perFullCompletion} onChange={(n) => setDraft({ ...draft, points: { ...draft.points, perFullCompletion: n ?? 0 } })} style={{ width: '100%' }} />
          </Col>
          <Col xs={12} md={4}>
            <Typography.Text type="secondary">{t('incentives.policy.customerPoints')}</Typography.Text>
            <InputNumber min={0} value={draft.points.perNewCustomer} onChange={(n) => setDraft({ ...draft, points: { ...draft.points, perNewCustomer: n ?? 0 } })} style={{ width: '100%' }} />
          </Col>
          <Col xs={12} md={4}>
            <Typography.Text type="secondary">{t('incentives.policy.satisfactionPoints')}</Typography.Text>
            <InputNumber min={0} value={draft.points.satisfactionPoints} onChange={(n) => setDraft({ ...draft, points: { ...draft.points, satisfactionPoints: n ?? 0 } })} style={{ width: '100%' }} />
          </Col>
        </Row>
        <Space style={{ marginTop: 16 }} wrap>
          <Button type="primary" loading={simulate.isPending} onClick={() => simulate.mutate(draft)} data-testid="simulate">
            {t('incentives.policy.simulate')}
          </Button>
          <Button onClick={() => setDraft(structuredClone(policies.data.current.policy))}>{t('incentives.policy.reset')}</Button>
          {can('incentives.configure') && (
            <>
              <DatePicker value={effectiveFrom} onChange={(d) => d && setEffectiveFrom(d)} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              <Input placeholder={t('incentives.policy.note')} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 200 }} />
              <Button
                loading={publish.isPending}
                onClick={() =>
                  publish.mutate(
                    { effectiveFrom: effectiveFrom.format('YYYY-MM-DD'), note: note || undefined, policy: draft },
                    { onSuccess: (v) => void message.success(t('incentives.policy.published', { version: v.version })) },
                  )
                }
              >
                {t('incentives.policy.publish')}
              </Button>
            </>
          )}
        </Space>
      </Card>
      {sim && (
        <div data-testid="simulation">
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t('incentives.policy.currentTotal', { from: sim.from, to: sim.to })} value={formatFen(sim.totals.current.totalFen)} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t('incentives.policy.proposedTotal')} value={formatFen(sim.totals.proposed.totalFen)} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic
                  title={t('incentives.policy.delta')}
                  value={formatFen(sim.totals.deltaFen)}
                  valueStyle={{ color: sim.totals.deltaFen > 0 ? '#cf1322' : '#237804' }}
                  suffix={
                    <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                      {t('incentives.policy.tierChanges', { count: sim.tierChanges.length })}
                    </Typography.Text>
                  }
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('incentives.policy.payoutByTier')}>
                {chart && <EChart option={chart} testId="sim-payout-chart" />}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('incentives.policy.dealersByTier')}>
                {countChart && <EChart option={countChart} testId="sim-count-chart" />}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('incentives.policy.perDealer')} style={{ marginTop: 16 }}>
            <Table<SimulatedDealer>
              size="small"
              rowKey="dealerId"
              dataSource={sim.dealers}
              pagination={{ pageSize: 10 }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('incentives.col.dealer'), render: (_, d) => `${d.dealerCode} ${d.dealerName}` },
                { title: t('incentives.col.sales12'), align: 'right', render: (_, d) => formatFen(d.salesFen) },
                {
                  title: t('incentives.policy.tierMove'),
                  render: (_, d) =>
                    d.currentTier === d.proposedTier ? (
                      <Tag>{tierName[d.currentTier] ?? d.currentTier}</Tag>
                    ) : (
                      <>
                        <Tag>{tierName[d.currentTier] ?? d.currentTier}</Tag>→<Tag color={d.deltaFen < 0 ? 'red' : 'green'}>{tierName[d.proposedTier] ?? d.proposedTier}</Tag>
                      </>
                    ),
                },
                { title: t('incentives.policy.current'), align: 'right', render: (_, d) => formatFen(d.current.totalFen) },
                { title: t('incentives.policy.proposed'), align: 'right', render: (_, d) => formatFen(d.proposed.totalFen) },
                {
                  title: t('incentives.policy.deltaCol'),
                  align: 'right',
                  render: (_, d) => <Typography.Text type={d.deltaFen < 0 ? 'danger' : d.deltaFen > 0 ? 'success' : undefined}>{formatFen(d.deltaFen)}</Typography.Text>,
                },
                { title: t('incentives.policy.pointsCol'), align: 'right', render: (_, d) => `${d.current.points} → ${d.proposed.points}` },
              ]}
            />
          </Card>
        </div>
      )}
    </div>
  );
}
