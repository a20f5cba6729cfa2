import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { DollarOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AGEING_BUCKETS, type OpenInvoice, type OverdueItem, type OverdueReminder, type Receivables } from '../../../shared/schemas/receivables.js';
import { useAccess } from '../../lib/access';
import { download } from '../../lib/api';
import { formatDate, formatFen } from '../../lib/format';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { EChart } from '../../components/EChart';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryState';
import { DealerSelect } from '../dealers/DealerSelect';
import { useOwnDealerId, useReceivables, useStatement } from './api';
import { PaymentModal } from './PaymentModal';

const BUCKET_COLORS = ['#52c41a', '#faad14', '#fa8c16', '#f5222d'];

/** Bucket labels from the edges in force (the receivables.ageing setting), not the bucket names. */
function ageingLabels(edges: number[], t: (key: string, options?: Record<string, unknown>) => string): string[] {
  const [a, b, c] = edges;
  return [t('trade.ageing.range', { from: 0, to: a }), t('trade.ageing.range', { from: a + 1, to: b }), t('trade.ageing.range', { from: b + 1, to: c }), t('trade.ageing.over', { from: c })];
}

function AgeingChart({ r }: { r: Receivables }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatFen(Math.round(v * 100)) },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: ageingLabels(r.ageingEdges, t), axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => (v >= 10_000 ? `${v / 10_000}${t('trade.ageing.tenThousand')}` : String(v)) } },
      series: [{ type: 'bar', barMaxWidth: 56, data: AGEING_BUCKETS.map((b, i) => ({ value: r.buckets[b] / 100, itemStyle: { color: BUCKET_COLORS[i] } })) }],
    }),
    [r, t],
  );
  return <EChart option={option} height={240} testId="ageing-chart" />;
}

function Statement({ dealerId }: { dealerId: string }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<{ from: string; to: string }>({ from: dayjs().subtract(90, 'day').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') });
  const statement = useStatement(dealerId, range);
  const exporting = useMutation({ mutationFn: () => download(`/dealers/${encodeURIComponent(dealerId)}/statement`, { ...range, format: 'xlsx' }, 'statement.xlsx') });
  const s = statement.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={[dayjs(range.from), dayjs(range.to)]}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        />
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="statement-export">
          {t('trade.receivables.exportStatement')}
        </Button>
      </Space>
      {s && (
        <Typography.Paragraph>
          {t('trade.receivables.opening')}: <b>{formatFen(s.openingFen)}</b> · {t('trade.receivables.closing')}: <b data-testid="statement-closing">{formatFen(s.closingFen)}</b>
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={statement.isLoading}
        dataSource={s?.entries ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('trade.receivables.date'), dataIndex: 'entryOn' },
          { title: t('trade.receivables.kind'), dataIndex: 'kind', render: (k: string) => t(`trade.ledger.${k}`) },
          { title: t('trade.receivables.docNo'), dataIndex: 'docNo' },
          { title: t('trade.fields.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
          { title: t('trade.receivables.balance'), dataIndex: 'balanceFen', align: 'right', render: (v: number) => formatFen(v) },
          { title: t('trade.receivables.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => formatDate(v) },
          { title: t('trade.receivables.reference'), dataIndex: 'reference', render: (v: string | null) => v ?? '-' },
        ]}
      />
    </>
  );
}

function DealerReceivables({ dealerId }: { dealerId: string }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [paying, setPaying] = useState(false);
  const r = useReceivables(dealerId);
  if (r.isError) return <QueryError error={r.error} onRetry={() => void r.refetch()} />;
  const data = r.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dealer-receivables">
      <Card
        size="small"
        loading={r.isLoading}
        extra={
          can('payments.write') && (
            <Button type="primary" icon={<DollarOutlined />} onClick={() => setPaying(true)} data-testid="record-payment">
              {t('trade.payment.title')}
            </Button>
          )
        }
      >
        {data && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('trade.receivables.open')} value={formatFen(data.openFen)} data-testid="receivables-open" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('trade.receivables.overdue')} value={formatFen(data.overdueFen)} valueStyle={{ color: data.overdueFen > 0 ? '#cf1322' : undefined }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('trade.credit.limit')} value={formatFen(data.creditLimitFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('trade.credit.available')} value={formatFen(data.availableCreditFen)} />
              {data.creditHold && <Tag color="error">{t('trade.receivables.onHold')}</Tag>}
            </Col>
          </Row>
        )}
      </Card>
      {data?.creditHold && <Alert type="error" showIcon title={t('trade.receivables.holdExplain', { days: data.creditHoldDays })} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('trade.receivables.ageing')}>
            {data && (data.openFen > 0 || data.invoices.length > 0) ? <AgeingChart r={data} /> : <Empty description={t('trade.receivables.nothingOpen')} />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('trade.receivables.ageingNote')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('trade.receivables.openInvoices')}>
            <Table<OpenInvoice>
              size="small"
              rowKey="id"
              dataSource={data?.invoices ?? []}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('trade.receivables.docNo'), dataIndex: 'docNo' },
                { title: t('trade.receivables.dueOn'), dataIndex: 'dueOn' },
                { title: t('trade.receivables.openAmount'), dataIndex: 'openFen', align: 'right', render: (v: number) => formatFen(v) },
                {
                  title: t('trade.receivables.daysPastDue'),
                  dataIndex: 'daysPastDue',
                  align: 'right',
                  render: (d: number) => (d > 0 ? <Typography.Text type={d > 90 ? 'danger' : 'warning'}>{d}</Typography.Text> : t('trade.receivables.notDue')),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('trade.receivables.statement')}>
        <Statement dealerId={dealerId} />
      </Card>
      <PaymentModal dealerId={dealerId} open={paying} onClose={() => setPaying(false)} />
    </Space>
  );
}

function Overview({ onPick }: { onPick: (dealerId: string) => void }) {
  const { t } = useTranslation();
  const overdue = useCursorList<OverdueItem>(['trade', 'receivables', 'overdue'], '/receivables/overdue', {});
  const reminders = useCursorList<OverdueReminder>(['trade', 'receivables', 'reminders'], '/receivables/reminders', {});
  return (
    <Tabs
      items={[
        {
          key: 'overdue',
          label: t('trade.receivables.overdueList'),
          children: (
            <>
              <div style={{ marginBottom: 12 }}>
                <ExportButton path="/receivables/overdue" filename="overdue" />
              </div>
              <CursorTable<OverdueItem>
                query={overdue}
                rowKey="invoiceId"
                rowClassName={() => 'qd-clickable-row'}
                onRow={(o) => ({ onClick: () => onPick(o.dealerId) })}
                columns={[
                  { title: t('trade.fields.dealer'), key: 'd', render: (_, o) => `${o.dealerCode} · ${o.dealerName}` },
                  { title: t('trade.receivables.docNo'), dataIndex: 'docNo' },
                  { title: t('trade.receivables.dueOn'), dataIndex: 'dueOn' },
                  { title: t('trade.receivables.daysPastDue'), dataIndex: 'daysOverdue', align: 'right' },
                  { title: t('trade.receivables.openAmount'), dataIndex: 'openFen', align: 'right', render: (v: number) => formatFen(v) },
                ]}
              />
            </>
          ),
        },
        {
          key: 'reminders',
          label: t('trade.receivables.reminders'),
          children: (
            <CursorTable<OverdueReminder>
              query={reminders}
              rowKey="id"
              emptyText={t('trade.receivables.noReminders')}
              columns={[
                { title: t('trade.receivables.remindedOn'), dataIndex: 'remindedOn' },
                { title: t('trade.fields.dealer'), key: 'd', render: (_, r) => `${r.dealerCode} · ${r.dealerName}` },
                { title: t('trade.receivables.invoiceCount'), dataIndex: 'invoiceCount', align: 'right' },
                { title: t('trade.receivables.overdue'), dataIndex: 'overdueFen', align: 'right', render: (v: number) => formatFen(v) },
                { title: t('trade.receivables.oldestDays'), dataIndex: 'oldestDaysOverdue', align: 'right' },
              ]}
            />
          ),
        },
      ]}
    />
  );
}

export default function ReceivablesPage() {
  const { t } = useTranslation();
  const own = useOwnDealerId();
  const [params, setParams] = useSearchParams();
  const dealerId = own ?? params.get('dealerId');
  return (
    <div data-testid="receivables-page">
      <PageHeader title={t('trade.menu.receivables')} sub={t('trade.receivables.subtitle')} />
      {!own && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <div style={{ maxWidth: 420 }}>
            <DealerSelect value={dealerId} onChange={(id) => setParams(id ? { dealerId: id } : {}, { replace: true })} data-testid="receivables-dealer" />
          </div>
        </Card>
      )}
      {dealerId ? (
        <DealerReceivables dealerId={dealerId} />
      ) : (
        <Card size="small">
          <Overview onPick={(id) => setParams({ dealerId: id }, { replace: true })} />
        </Card>
      )}
    </div>
  );
}
