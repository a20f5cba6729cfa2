import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Form, InputNumber, Skeleton, Space, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DupontYear, Prospect, ProspectAnalysis, StatementYear, TrendYear } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { applyFieldErrors } from '../../lib/errors';
import { fenToYuanString, formatFen, yuanToFen } from '../../lib/format';
import { EChart, type EChartOption } from '../../components/EChart';
import { QueryError } from '../../components/QueryState';
import { useAnalysis, useSaveStatements } from './api';
import { decimal, percent } from './labels';

const REQUIRED = ['revenueFen', 'netProfitFen', 'totalAssetsFen', 'equityFen'] as const;
type Optional = 'cogsFen' | 'totalLiabilitiesFen' | 'currentAssetsFen' | 'currentLiabilitiesFen' | 'inventoryFen' | 'receivablesFen' | 'operatingCashFlowFen';
const SIGNED = new Set(['netProfitFen', 'equityFen', 'operatingCashFlowFen']);
type Line = (typeof REQUIRED)[number] | Optional;
const LINES: Line[] = [
  'revenueFen',
  'cogsFen',
  'netProfitFen',
  'totalAssetsFen',
  'totalLiabilitiesFen',
  'equityFen',
  'currentAssetsFen',
  'currentLiabilitiesFen',
  'inventoryFen',
  'receivablesFen',
  'operatingCashFlowFen',
];

const RATIOS: { key: keyof DupontYear; kind: 'pct' | 'x' | 'days' }[] = [
  { key: 'roe', kind: 'pct' },
  { key: 'netMargin', kind: 'pct' },
  { key: 'assetTurnover', kind: 'x' },
  { key: 'equityMultiplier', kind: 'x' },
  { key: 'currentRatio', kind: 'x' },
  { key: 'quickRatio', kind: 'x' },
  { key: 'debtToAsset', kind: 'pct' },
  { key: 'dsoDays', kind: 'days' },
  { key: 'inventoryDays', kind: 'days' },
];
const showRatio = (v: number | null, kind: 'pct' | 'x' | 'days') => (kind === 'pct' ? percent(v) : kind === 'days' ? decimal(v, 1) : decimal(v, 2));

/** Yuan with two decimals, negatives allowed (losses, negative equity); emits integer 分. */
function SignedMoney({ value, onChange, signed, testId }: { value?: number | null; onChange?: (v: number | null) => void; signed: boolean; testId?: string }) {
  return (
    <InputNumber<string>
      stringMode
      min={signed ? undefined : '0'}
      precision={2}
      style={{ width: '100%' }}
      value={value === null || value === undefined ? null : fenToYuanString(value)}
      onChange={(y) => onChange?.(y === null || y === '' ? null : yuanToFen(y))}
      data-testid={testId}
    />
  );
}

type FormYear = Partial<Record<Line, number | null>> & { year: number };

function StatementsForm({ prospect, analysis, onDone }: { prospect: Prospect; analysis: ProspectAnalysis; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ years: FormYear[] }>();
  const save = useSaveStatements(prospect.id);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const thisYear = new Date().getFullYear();
  const initial: FormYear[] = analysis.statements.length ? analysis.statements.map((s) => ({ ...s })) : [thisYear - 3, thisYear - 2, thisYear - 1].map((year) => ({ year }));
  const years = Form.useWatch('years', form) ?? initial;
  return (
    <Form
      form={form}
      initialValues={{ years: initial }}
      onFinish={(v) => {
        const body: StatementYear[] = v.years.map((y) => {
          const out: Record<string, number> = { year: y.year };
          for (const k of LINES) if (y[k] !== null && y[k] !== undefined) out[k] = y[k]!;
          return out as unknown as StatementYear;
        });
        save.mutate({ years: body }, { onSuccess: onDone, onError: (e) => setUnplaced(applyFieldErrors(form, e, t, { fields: ['years'] })) });
      }}
      data-testid="statements-form"
    >
      {unplaced.length > 0 && <Alert type="error" showIcon title={unplaced.join('\n')} style={{ marginBottom: 12 }} />}
      <Table
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey="line"
        dataSource={[{ line: 'year' as const }, ...LINES.map((line) => ({ line }))]}
        columns={[
          { title: t('recruitment.financials.line'), dataIndex: 'line', width: 200, render: (l: string) => t(`recruitment.financials.lines.${l}`) + (REQUIRED.includes(l as never) ? ' *' : '') },
          ...years.map((_, idx) => ({
            title: `${t('recruitment.financials.column')} ${idx + 1}`,
            key: String(idx),
            width: 180,
            render: (_: unknown, row: { line: 'year' | Line }) =>
              row.line === 'year' ? (
                <Form.Item name={['years', idx, 'year']} rules={[{ required: true, message: t('recruitment.form.required') }]} style={{ margin: 0 }}>
                  <InputNumber min={1900} max={2200} precision={0} style={{ width: '100%' }} data-testid={`stmt-${idx}-year`} />
                </Form.Item>
              ) : (
                <Form.Item name={['years', idx, row.line]} rules={REQUIRED.includes(row.line as never) ? [{ required: true, message: t('recruitment.form.required') }] : []} style={{ margin: 0 }}>
                  <SignedMoney signed={SIGNED.has(row.line)} testId={`stmt-${idx}-${row.line}`} />
                </Form.Item>
              ),
          })),
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="statements-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function trendOption(t: (k: string) => string, years: DupontYear[]): EChartOption {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 100);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
    yAxis: [
      { type: 'value', name: '%', axisLabel: { formatter: '{value}%' } },
      { type: 'value', name: '×', splitLine: { show: false } },
    ],
    series: [
      { name: t('recruitment.financials.ratios.roe'), type: 'line', data: years.map((y) => pct(y.roe)), label: { show: true, formatter: '{c}%' } },
      { name: t('recruitment.financials.ratios.netMargin'), type: 'line', data: years.map((y) => pct(y.netMargin)) },
      { name: t('recruitment.financials.ratios.debtToAsset'), type: 'line', data: years.map((y) => pct(y.debtToAsset)) },
      { name: t('recruitment.financials.ratios.assetTurnover'), type: 'bar', yAxisIndex: 1, barMaxWidth: 24, data: years.map((y) => y.assetTurnover) },
      { name: t('recruitment.financials.ratios.equityMultiplier'), type: 'bar', yAxisIndex: 1, barMaxWidth: 24, data: years.map((y) => y.equityMultiplier) },
    ],
  };
}

const TREND_ROWS: { key: keyof TrendYear; kind: 'growth' | 'pp' | 'x' | 'days' }[] = [
  { key: 'revenueGrowth', kind: 'growth' },
  { key: 'netProfitGrowth', kind: 'growth' },
  { key: 'totalAssetsGrowth', kind: 'growth' },
  { key: 'equityGrowth', kind: 'growth' },
  { key: 'roeChange', kind: 'pp' },
  { key: 'netMarginChange', kind: 'pp' },
  { key: 'assetTurnoverChange', kind: 'x' },
  { key: 'equityMultiplierChange', kind: 'x' },
  { key: 'debtToAssetChange', kind: 'pp' },
  { key: 'dsoDaysChange', kind: 'days' },
];
const signed = (s: string, v: number | null) => (v === null ? '-' : v > 0 ? `+${s}` : s);
const showTrend = (v: number | null, kind: 'growth' | 'pp' | 'x' | 'days', ppUnit: string) =>
  v === null ? '-' : kind === 'growth' ? signed(percent(v), v) : kind === 'pp' ? signed(`${(v * 100).toFixed(2)} ${ppUnit}`, v) : signed(decimal(v, kind === 'days' ? 1 : 2), v);

export function FinancialsTab({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const analysis = useAnalysis(prospect.id);
  const [editing, setEditing] = useState(false);
  const option = useMemo(() => trendOption(t, analysis.data?.years ?? []), [t, analysis.data]);
  if (analysis.isLoading) return <Skeleton active />;
  if (analysis.isError || !analysis.data) return <QueryError error={analysis.error} onRetry={() => void analysis.refetch()} />;
  const a = analysis.data;
  const editable = can('prospects.write') && prospect.stage !== 'converted' && prospect.stage !== 'rejected';
  if (editing) return <StatementsForm prospect={prospect} analysis={a} onDone={() => setEditing(false)} />;

  const yearCols = a.statements.map((s) => ({ title: String(s.year), key: String(s.year), align: 'right' as const }));
  return (
    <div data-testid="financials-tab">
      {editable && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} style={{ marginBottom: 12 }} data-testid="edit-statements">
          {a.statements.length ? t('recruitment.financials.edit') : t('recruitment.financials.enter')}
        </Button>
      )}
      {!a.statements.length ? (
        <Empty description={t('recruitment.financials.none')} />
      ) : (
        <>
          <Card size="small" title={t('recruitment.financials.trend')} style={{ marginBottom: 12 }}>
            <EChart option={option} height={280} testId="dupont-chart" />
          </Card>
          <Card size="small" title={t('recruitment.financials.ratiosTitle')} style={{ marginBottom: 12 }}>
            <Typography.Paragraph type="secondary">{t('recruitment.financials.dupontHint')}</Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              scroll={{ x: 'max-content' }}
              dataSource={RATIOS}
              onRow={(r) => ({ 'data-testid': `ratio-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('recruitment.financials.ratio'), key: 'name', render: (_, r) => t(`recruitment.financials.ratios.${r.key}`) },
                ...a.years.map((y, i) => ({ ...yearCols[i], render: (_: unknown, r: (typeof RATIOS)[number]) => showRatio(y[r.key] as number | null, r.kind) })),
              ]}
            />
          </Card>
          {a.trend.length > 0 && (
            <Card size="small" title={t('recruitment.financials.yoy')} style={{ marginBottom: 12 }}>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                scroll={{ x: 'max-content' }}
                dataSource={TREND_ROWS}
                columns={[
                  { title: t('recruitment.financials.ratio'), key: 'name', render: (_, r) => t(`recruitment.financials.trendRows.${r.key}`) },
                  ...a.trend.map((y) => ({
                    title: `${y.previousYear} → ${y.year}`,
                    key: String(y.year),
                    align: 'right' as const,
                    render: (_: unknown, r: (typeof TREND_ROWS)[number]) => showTrend(y[r.key] as number | null, r.kind, t('recruitment.financials.pp')),
                  })),
                ]}
              />
            </Card>
          )}
          <Card size="small" title={t('recruitment.financials.statements')}>
            <Table
              size="small"
              pagination={false}
              rowKey="line"
              scroll={{ x: 'max-content' }}
              dataSource={LINES.map((line) => ({ line }))}
              columns={[
                { title: t('recruitment.financials.line'), dataIndex: 'line', render: (l: string) => t(`recruitment.financials.lines.${l}`) },
                ...a.statements.map((s, i) => ({ ...yearCols[i], render: (_: unknown, r: { line: Line }) => formatFen(s[r.line]) })),
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
