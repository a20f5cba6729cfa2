// Rebate runs and statements: accrue a period, open a statement down to its order lines, approve
// (freeze), pay as credit note or cash, export Excel/PDF.
import { useMemo, useState } from 'react';
import { Button, Card, Col, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography, App } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { RebateStatement, RebateStatementLine } from '../../../shared/schemas/rebates.js';
import { useAccess } from '../../lib/access';
import { download } from '../../lib/api';
import { formatFen } from '../../lib/format';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useIncentiveMutation, useRunRebates, useStatements } from './api';

const STATUS_COLOR: Record<string, string> = { draft: 'default', approved: 'blue', paid: 'green' };

export default function RebatesPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { message } = App.useApp();
  const [period, setPeriod] = useState(dayjs().subtract(1, 'month').format('YYYY-MM'));
  const [status, setStatus] = useState<string | undefined>();
  const filters = useMemo(() => ({ period: period || undefined, status }), [period, status]);
  const list = useStatements(filters);
  const run = useRunRebates();
  const move = useIncentiveMutation<{ id: string; to: 'approved' | 'paid'; method?: 'credit_note' | 'cash' }>((b) => `/rebates/statements/${b.id}/transitions`);
  const act = (id: string, to: 'approved' | 'paid', method?: 'credit_note' | 'cash') => move.mutate({ id, to, ...(method ? { method } : {}) });

  const lineColumns = [
    { title: t('incentives.col.kind'), dataIndex: 'kind', render: (k: string) => t(`incentives.lineKind.${k}`) },
    { title: t('incentives.col.date'), dataIndex: 'date' },
    { title: t('incentives.col.order'), dataIndex: 'orderNumber' },
    { title: t('incentives.col.doc'), dataIndex: 'docNo' },
    { title: t('incentives.col.amount'), dataIndex: 'amountFen', align: 'right' as const, render: (v: number) => formatFen(v) },
    { title: t('incentives.col.note'), dataIndex: 'note' },
  ];

  return (
    <div data-testid="rebates-page">
      <PageHeader
        title={t('incentives.menu.rebates')}
        extra={
          <>
            {can('rebates.manage') && (
              <Button
                type="primary"
                loading={run.isPending}
                onClick={() => run.mutate({ period }, { onSuccess: (r) => void message.success(t('incentives.rebates.ran', { calculated: r.calculated, frozen: r.frozen })) })}
                data-testid="run-rebates"
              >
                {t('incentives.rebates.run', { period })}
              </Button>
            )}
            <ExportButton path="/rebates/statements" params={filters} filename="rebate-statements" />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Input value={period} onChange={(e) => setPeriod(e.target.value.trim())} placeholder="2026-10 / 2026-Q3 / 2026" addonBefore={t('incentives.col.period')} />
          </Col>
          <Col xs={12} md={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('incentives.col.status')}
              value={status}
              onChange={setStatus}
              options={['draft', 'approved', 'paid'].map((s) => ({ value: s, label: t(`incentives.status.${s}`) }))}
            />
          </Col>
        </Row>
      </Card>
      <CursorTable<RebateStatement>
        query={list}
        rowKey="id"
        expandable={{
          expandedRowRender: (s) => (
            <Table<RebateStatementLine> size="small" rowKey={(l) => `${l.kind}-${l.sourceId}`} columns={lineColumns} dataSource={s.lines} pagination={s.lines.length > 20 ? { pageSize: 20 } : false} />
          ),
        }}
        columns={[
          { title: t('incentives.col.period'), dataIndex: 'period' },
          { title: t('incentives.col.dealer'), render: (_, s) => `${s.dealerCode} ${s.dealerName}` },
          { title: t('incentives.col.tier'), dataIndex: 'tier', render: (x: string) => t(`enums.tier.${x}`, { defaultValue: x }) },
          { title: t('incentives.col.sales'), align: 'right', render: (_, s) => formatFen(s.qualifyingSalesFen) },
          { title: t('incentives.col.rate'), align: 'right', render: (_, s) => `${(s.rate * 100).toFixed(2)}%` },
          {
            title: t('incentives.col.target'),
            align: 'right',
            render: (_, s) =>
              s.adjustedTargetFen === null ? (
                '-'
              ) : (
                <span title={s.targetFen !== s.adjustedTargetFen ? `${t('incentives.col.originalTarget')} ${formatFen(s.targetFen)}` : undefined}>
                  {formatFen(s.adjustedTargetFen)}
                  {s.rewardCoefficient < 1 && (
                    <Tag color="orange" style={{ marginLeft: 4 }}>
                      ×{s.rewardCoefficient}
                    </Tag>
                  )}
                </span>
              ),
          },
          { title: t('incentives.col.rebate'), align: 'right', render: (_, s) => formatFen(s.rebateFen) },
          { title: t('incentives.col.bonus'), align: 'right', render: (_, s) => formatFen(s.bonusFen) },
          { title: t('incentives.col.brandFund'), align: 'right', render: (_, s) => formatFen(s.brandFundFen) },
          {
            title: t('incentives.col.deductions'),
            align: 'right',
            render: (_, s) => (s.deductionsFen ? <Typography.Text type="danger">-{formatFen(s.deductionsFen)}</Typography.Text> : formatFen(0)),
          },
          { title: t('incentives.col.total'), align: 'right', render: (_, s) => <strong>{formatFen(s.totalFen)}</strong> },
          {
            title: t('incentives.col.status'),
            render: (_, s) => (
              <Tag color={STATUS_COLOR[s.status]}>
                {t(`incentives.status.${s.status}`)}
                {s.payment ? ` · ${t(`incentives.method.${s.payment.method}`)}` : ''}
              </Tag>
            ),
          },
          {
            title: t('incentives.col.actions'),
            render: (_, s) => (
              <Space size={4} wrap>
                {can('rebates.manage') && s.status === 'draft' && (
                  <Button size="small" onClick={() => act(s.id, 'approved')}>
                    {t('incentives.rebates.approve')}
                  </Button>
                )}
                {can('rebates.manage') && s.status === 'approved' && (
                  <>
                    <Popconfirm title={t('incentives.rebates.payConfirm', { amount: formatFen(s.totalFen) })} onConfirm={() => act(s.id, 'paid', 'credit_note')}>
                      <Button size="small" type="primary">
                        {t('incentives.rebates.payCredit')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm title={t('incentives.rebates.payConfirm', { amount: formatFen(s.totalFen) })} onConfirm={() => act(s.id, 'paid', 'cash')}>
                      <Button size="small">{t('incentives.rebates.payCash')}</Button>
                    </Popconfirm>
                  </>
                )}
                <Button size="small" type="link" onClick={() => void download(`/rebates/statements/${s.id}/export`, { format: 'xlsx' }, `rebate-${s.dealerCode}-${s.period}.xlsx`)}>
                  Excel
                </Button>
                <Button size="small" type="link" onClick={() => void download(`/rebates/statements/${s.id}/export`, { format: 'pdf' }, `rebate-${s.dealerCode}-${s.period}.pdf`)}>
                  PDF
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
