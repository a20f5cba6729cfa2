import { useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { formatFen, formatDateTime } from '../../lib/format';
import { useAccess } from '../../lib/access';
import type { Evaluation, EvaluationRun } from '../../../shared/schemas';
import { GRADE_COLORS, pct, useAction } from './api';
import { NoData } from './NoData';

export default function ScorecardListPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const access = useAccess();
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [grade, setGrade] = useState<string | undefined>(undefined);
  const [runPeriod, setRunPeriod] = useState('');
  const runs = useCursorList<EvaluationRun>(['evaluation-runs'], '/evaluations/runs', {}, 20);
  const currentRuns = runs.data?.pages[0]?.items.filter((r) => r.status === 'current') ?? [];
  // quarters carry targets and proposals: show the latest quarter first
  const latest = (currentRuns.find((r) => r.period.includes('Q')) ?? currentRuns[0])?.period;
  const shown = period ?? latest;
  const params = { period: shown, grade, sort: 'rank' };
  const list = useCursorList<Evaluation>(['evaluations'], '/evaluations', params, 50, !!shown);
  const run = useAction<{ period: string }>('POST', () => '/evaluations/runs', [['evaluations'], ['evaluation-runs'], ['warnings']]);
  const periods = [...new Set((runs.data?.pages.flatMap((p) => p.items) ?? []).map((r) => r.period))];

  return (
    <>
      <PageHeader title={t('performance.scorecards.title')} sub={t('performance.scorecards.sub')} extra={<ExportButton path="/evaluations" params={params} filename="evaluations.xlsx" />} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Select style={{ width: 160 }} placeholder={t('performance.period')} value={shown} onChange={setPeriod} options={periods.map((p) => ({ value: p, label: p }))} data-testid="period-select" />
          <Select allowClear style={{ width: 120 }} placeholder={t('performance.grade')} value={grade} onChange={setGrade} options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))} />
          {access.can('evaluations.run') && (
            <Space.Compact>
              <Input style={{ width: 130 }} placeholder="2026-Q3" value={runPeriod} onChange={(e) => setRunPeriod(e.target.value.trim())} />
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                loading={run.isPending}
                disabled={!runPeriod}
                onClick={() =>
                  run.mutate(
                    { period: runPeriod },
                    {
                      onSuccess: (r) => {
                        void message.success(t('performance.runs.done', { ...(r as Record<string, unknown>) }));
                        setPeriod(runPeriod);
                      },
                    },
                  )
                }
                data-testid="run-evaluation"
              >
                {t('performance.runs.run')}
              </Button>
            </Space.Compact>
          )}
        </Flex>
      </Card>
      <CursorTable<Evaluation>
        query={list}
        rowKey="id"
        columns={[
          { title: t('performance.rank'), render: (_, e) => (e.regionRank ? `${e.regionRank} / ${e.regionSize}` : <NoData />) },
          { title: t('performance.province'), dataIndex: 'regionCode', render: (v: string | null) => (v ? t(`performance.provinces.${v.slice(0, 2)}`, { defaultValue: v.slice(0, 2) }) : '—') },
          { title: t('performance.dealer'), render: (_, e) => <Link to={`/performance/scorecards/${e.id}`}>{e.dealerName}</Link> },
          {
            title: t('performance.adjustedTarget'),
            align: 'right',
            render: (_, e) =>
              e.adjustedTargetFen === null ? (
                <NoData />
              ) : (
                <span>
                  {formatFen(e.adjustedTargetFen)}
                  {e.adjustmentFactor !== 1 && (
                    <Tag color="purple" style={{ marginLeft: 6 }}>
                      ×{e.adjustmentFactor}
                    </Tag>
                  )}
                </span>
              ),
          },
          { title: t('performance.actual'), align: 'right', render: (_, e) => formatFen(e.actualFen) },
          { title: t('performance.completion'), align: 'right', render: (_, e) => pct(e.salesCompletion) ?? <NoData /> },
          { title: t('performance.kpi.satisfaction'), align: 'right', render: (_, e) => e.satisfactionScore ?? <NoData /> },
          { title: t('performance.kpi.inventory'), align: 'right', render: (_, e) => e.inventoryScore ?? <NoData /> },
          { title: t('performance.composite'), align: 'right', render: (_, e) => (e.composite === null ? <NoData /> : <b>{e.composite}</b>) },
          { title: t('performance.grade'), render: (_, e) => (e.grade ? <Tag color={GRADE_COLORS[e.grade]}>{e.grade}</Tag> : <NoData />) },
        ]}
      />
      <Card size="small" title={t('performance.runs.title')} style={{ marginTop: 16 }}>
        <Table<EvaluationRun>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={runs.data?.pages.flatMap((p) => p.items).slice(0, 10) ?? []}
          columns={[
            { title: t('performance.period'), dataIndex: 'period' },
            { title: t('performance.runs.version'), dataIndex: 'version' },
            { title: t('performance.runs.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'current' ? 'green' : 'default'}>{t(`performance.runs.statuses.${s}`)}</Tag> },
            { title: t('performance.runs.evaluated'), dataIndex: 'evaluated' },
            { title: t('performance.runs.by'), dataIndex: 'triggeredBy' },
            { title: t('performance.runs.at'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
          ]}
        />
        <Typography.Text type="secondary">{t('performance.runs.note')}</Typography.Text>
      </Card>
    </>
  );
}
