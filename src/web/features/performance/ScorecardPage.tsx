import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Card, Col, Descriptions, Modal, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { EChart } from '../../components/EChart';
import { Loading, QueryError } from '../../components/QueryState';
import { ExportButton } from '../../components/ExportButton';
import { formatFen } from '../../lib/format';
import type { KpiSourceRow } from '../../../shared/schemas';
import { GRADE_COLORS, pct, useDealerTrend, useEvaluation, useSources } from './api';
import { NoData } from './NoData';
import { TierProgressCard } from './TierProgressCard';

type Kpis = {
  satisfaction: { parts: Record<string, number | null>; inputs: Record<string, number | null> };
  inventory: { parts: Record<string, number | null>; inputs: Record<string, number | null> };
  weights: Record<string, number>;
};

export default function ScorecardPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useEvaluation(id);
  const trend = useDealerTrend(query.data?.dealerId);
  const [kpi, setKpi] = useState<string | null>(null);
  const sources = useSources(id, kpi);
  const e = query.data;
  if (query.isError) return <QueryError error={query.error} />;
  if (!e) return <Loading />;
  const k = e.kpis as unknown as Kpis;
  const score = (v: number | null) => (v === null ? <NoData /> : v);
  const radar = [
    ['sales', e.salesScore],
    ['firstResponse24h', k.satisfaction.parts.firstResponse24h],
    ['resolution', k.satisfaction.parts.resolution],
    ['fulfilment', k.satisfaction.parts.fulfilment],
    ['survey', k.satisfaction.parts.survey],
    ['renewal', k.satisfaction.parts.renewal],
    ['turnover', k.inventory.parts.turnover],
    ['slowMoving', k.inventory.parts.slowMoving],
  ] as const;
  const history = (trend.data?.items ?? []).filter((x) => x.period.includes('Q') === e.period.includes('Q') && x.period.length === e.period.length).sort((a, b) => a.period.localeCompare(b.period));
  const drill = (name: string) => (
    <Typography.Link onClick={() => setKpi(name)} data-testid={`drill-${name}`}>
      {t('performance.drill')}
    </Typography.Link>
  );
  return (
    <>
      <PageHeader
        title={`${e.dealerName} · ${e.period}`}
        sub={`${e.dealerCode}${e.regionRank ? ` · ${t('performance.rankIn', { rank: e.regionRank, size: e.regionSize })}` : ''}`}
        extra={
          e.grade ? (
            <Tag color={GRADE_COLORS[e.grade]} style={{ fontSize: 18, padding: '4px 12px' }}>
              {t('performance.gradeOf', { grade: e.grade })}
            </Tag>
          ) : undefined
        }
      />
      {e.adjustmentReason && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('performance.elastic', { index: e.demandIndex, factor: e.adjustmentFactor })} description={e.adjustmentReason} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Card>
            <Statistic title={t('performance.composite')} value={e.composite ?? '—'} />
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card extra={drill('sales')} title={t('performance.kpi.sales')}>
            <Statistic value={e.salesScore ?? t('performance.noData')} suffix={pct(e.salesCompletion) ? `(${pct(e.salesCompletion)})` : ''} />
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card extra={drill('fulfilment')} title={t('performance.kpi.satisfaction')}>
            <Statistic value={e.satisfactionScore ?? t('performance.noData')} />
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card extra={drill('inventory')} title={t('performance.kpi.inventory')}>
            <Statistic value={e.inventoryScore ?? t('performance.noData')} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card title={t('performance.radar')}>
            <EChart
              testId="radar"
              height={300}
              option={{
                tooltip: {},
                radar: { indicator: radar.map(([key]) => ({ name: t(`performance.parts.${key}`), max: 100 })) },
                series: [{ type: 'radar', data: [{ value: radar.map(([, v]) => v ?? 0), name: e.period, areaStyle: { opacity: 0.2 } }] }],
              }}
            />
            <Typography.Text type="secondary">{t('performance.radarNote')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('performance.trend')}>
            <EChart
              testId="trend"
              height={300}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 40, right: 20, top: 40, bottom: 30 },
                xAxis: { type: 'category', data: history.map((h) => h.period) },
                yAxis: { type: 'value', max: 100 },
                series: [
                  { name: t('performance.composite'), type: 'line', data: history.map((h) => h.composite) },
                  { name: t('performance.kpi.sales'), type: 'line', data: history.map((h) => h.salesScore) },
                  { name: t('performance.kpi.satisfaction'), type: 'line', data: history.map((h) => h.satisfactionScore) },
                  { name: t('performance.kpi.inventory'), type: 'line', data: history.map((h) => h.inventoryScore) },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('performance.details')} style={{ marginTop: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label={t('performance.target')}>{e.targetFen === null ? <NoData /> : formatFen(e.targetFen)}</Descriptions.Item>
          <Descriptions.Item label={t('performance.adjustedTarget')}>{e.adjustedTargetFen === null ? <NoData /> : formatFen(e.adjustedTargetFen)}</Descriptions.Item>
          <Descriptions.Item label={t('performance.actual')}>
            {formatFen(e.actualFen)} {drill('sales')}
          </Descriptions.Item>
          {(['firstResponse24h', 'resolution', 'survey'] as const).map((p) => (
            <Descriptions.Item key={p} label={t(`performance.parts.${p}`)}>
              {score(k.satisfaction.parts[p])} {k.satisfaction.parts[p] !== null && drill('tickets')}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('performance.parts.fulfilment')}>
            {score(k.satisfaction.parts.fulfilment)} {drill('fulfilment')}
          </Descriptions.Item>
          <Descriptions.Item label={t('performance.parts.renewal')}>
            {score(k.satisfaction.parts.renewal)} {drill('renewal')}
          </Descriptions.Item>
          <Descriptions.Item label={t('performance.turnoverDays')}>
            {k.inventory.inputs.turnoverDays ?? <NoData />} / {k.inventory.inputs.benchmarkDays} {drill('inventory')}
          </Descriptions.Item>
          <Descriptions.Item label={t('performance.parts.slowMoving')}>{pct(k.inventory.inputs.slowMovingRatio) ?? <NoData />}</Descriptions.Item>
          <Descriptions.Item label={t('performance.weights')}>
            {Object.entries(k.weights)
              .map(([w, v]) => `${t(`performance.kpi.${w}`)} ${(v * 100).toFixed(0)}%`)
              .join(' · ')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <TierProgressCard dealerId={e.dealerId} year={e.period.slice(0, 4)} />
      <Modal open={!!kpi} onCancel={() => setKpi(null)} footer={null} width={900} title={kpi ? t(`performance.sources.${kpi}`) : ''}>
        {kpi && (
          <div style={{ textAlign: 'right', marginBottom: 8 }}>
            <ExportButton path={`/evaluations/${e.id}/sources`} params={{ kpi }} filename={`${kpi}.xlsx`} />
          </div>
        )}
        <Table<KpiSourceRow>
          size="small"
          rowKey="id"
          loading={sources.isLoading}
          dataSource={sources.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('performance.sources.date'), dataIndex: 'date' },
            { title: t('performance.sources.label'), dataIndex: 'label' },
            ...Object.keys(sources.data?.items[0]?.values ?? {}).map((key) => ({
              title: t(`performance.fields.${key}`, { defaultValue: key }),
              render: (_: unknown, r: KpiSourceRow) => {
                const v = r.values[key];
                if (typeof v === 'boolean') return v ? '✓' : '✗';
                if (typeof v === 'number' && /Fen$/.test(key)) return formatFen(v);
                return v === null ? '—' : String(v);
              },
            })),
          ]}
        />
      </Modal>
    </>
  );
}
