import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Input, Modal, Popconfirm, Row, Statistic, Table, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TransferMove, TransferPlan } from '../../../shared/schemas/index.js';
import { EChart } from '../../components/EChart';
import { useAccess } from '../../lib/access';
import { errorTitle } from '../../lib/errors';
import { formatDateTime, formatFen } from '../../lib/format';
import { useTransitionPlan } from './api';

export const PLAN_STATUS_COLORS: Record<TransferPlan['status'], string> = { proposed: 'blue', approved: 'gold', rejected: 'default', executed: 'green' };

export function PlanStatusTag({ status }: { status: TransferPlan['status'] }) {
  const { t } = useTranslation();
  return <Tag color={PLAN_STATUS_COLORS[status]}>{t(`replenishment.planStatus.${status}`)}</Tag>;
}

/** One saved plan: LP vs greedy cost, the moves, and the HQ actions its status allows. */
export function PlanResult({ plan }: { plan: TransferPlan }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const transition = useTransitionPlan(plan.id);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const saving = plan.greedy.totalCostFen - plan.totalCostFen;
  const sameQuantity = plan.greedy.totalQuantity === plan.totalQuantity;
  const mayDecide = can('transfers.approve');
  const chart = {
    grid: { left: 90, right: 30, top: 10, bottom: 24 },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${(v / 100).toLocaleString()}` } },
    yAxis: { type: 'category', data: [t('replenishment.plan.greedyCost'), t('replenishment.plan.lpCost')] },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatFen(v) },
    series: [
      {
        type: 'bar',
        barWidth: 22,
        data: [
          { value: plan.greedy.totalCostFen, itemStyle: { color: '#bfbfbf' } },
          { value: plan.totalCostFen, itemStyle: { color: '#1677ff' } },
        ],
        label: { show: true, position: 'right', formatter: (p: { value: number }) => formatFen(p.value) },
      },
    ],
  };
  return (
    <Card
      size="small"
      data-testid="transfer-plan-result"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{plan.number}</span>
          <PlanStatusTag status={plan.status} />
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {t('replenishment.plan.meta', { by: plan.createdBy, at: formatDateTime(plan.createdAt), bound: t(`replenishment.bound.${plan.boundLevel}`) })}
          </Typography.Text>
        </Flex>
      }
      extra={
        mayDecide && (
          <Flex gap={8}>
            {plan.status === 'proposed' && (
              <Button type="primary" icon={<CheckOutlined />} loading={transition.isPending} onClick={() => transition.mutate({ to: 'approved' })} data-testid="plan-approve">
                {t('replenishment.plan.approve')}
              </Button>
            )}
            {plan.status === 'approved' && (
              <Popconfirm title={t('replenishment.plan.executeConfirm', { count: plan.moves.length })} onConfirm={() => transition.mutate({ to: 'executed' })}>
                <Button type="primary" icon={<SendOutlined />} loading={transition.isPending} data-testid="plan-execute">
                  {t('replenishment.plan.execute')}
                </Button>
              </Popconfirm>
            )}
            {(plan.status === 'proposed' || plan.status === 'approved') && (
              <Button danger icon={<CloseOutlined />} onClick={() => setRejecting(true)}>
                {t('replenishment.plan.reject')}
              </Button>
            )}
          </Flex>
        )
      }
    >
      {transition.error && <Alert type="error" showIcon title={errorTitle(t, transition.error)} style={{ marginBottom: 12 }} />}
      {plan.decisionReason && <Alert type="info" showIcon title={t('replenishment.plan.rejectedBecause', { reason: plan.decisionReason })} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={4}>
          <Statistic title={t('replenishment.plan.moved')} value={plan.totalQuantity} suffix={`/ ${plan.demandQuantity}`} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('replenishment.plan.overstock')} value={plan.supplyQuantity} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('replenishment.plan.lpCost')} value={formatFen(plan.totalCostFen)} styles={{ content: { color: '#1677ff' } }} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('replenishment.plan.greedyCost')} value={formatFen(plan.greedy.totalCostFen)} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title={t('replenishment.plan.saving')}
            value={sameQuantity ? formatFen(saving) : t('replenishment.plan.moreMoved', { count: plan.totalQuantity - plan.greedy.totalQuantity })}
            styles={{ content: { color: '#237804', fontSize: sameQuantity ? undefined : 16 } }}
            suffix={sameQuantity && plan.greedy.totalCostFen > 0 ? `(${((saving / plan.greedy.totalCostFen) * 100).toFixed(1)}%)` : undefined}
          />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('replenishment.plan.solveMs')} value={plan.solveMs} suffix="ms" />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('replenishment.plan.howItWorks')}
      </Typography.Paragraph>
      {plan.totalCostFen + plan.greedy.totalCostFen > 0 && <EChart option={chart} height={110} testId="plan-cost-chart" />}
      <Table<TransferMove>
        size="small"
        rowKey={(m) => `${m.fromDealerId}|${m.toDealerId}|${m.sku}`}
        dataSource={plan.moves}
        pagination={plan.moves.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('replenishment.plan.noMoves') }}
        columns={[
          { title: t('replenishment.fields.from'), key: 'from', render: (_, m) => `${m.fromDealerCode} · ${m.fromDealerName}` },
          { title: t('replenishment.fields.to'), key: 'to', render: (_, m) => `${m.toDealerCode} · ${m.toDealerName}` },
          { title: t('replenishment.fields.product'), key: 'sku', render: (_, m) => `${m.sku} · ${m.productName}` },
          { title: t('replenishment.fields.quantity'), dataIndex: 'quantity', align: 'right' },
          { title: t('replenishment.fields.distance'), dataIndex: 'distanceKm', align: 'right', render: (v: number | null) => (v === null ? '-' : `${v} km`) },
          { title: t('replenishment.fields.unitCost'), dataIndex: 'unitCostFen', align: 'right', render: (v: number) => formatFen(v) },
          { title: t('replenishment.fields.cost'), dataIndex: 'costFen', align: 'right', render: (v: number) => formatFen(v) },
          { title: t('replenishment.fields.costSource'), dataIndex: 'costSource', render: (v: TransferMove['costSource']) => <Tag>{t(`replenishment.costSource.${v}`)}</Tag> },
        ]}
      />
      <Modal
        open={rejecting}
        title={t('replenishment.plan.reject')}
        onCancel={() => setRejecting(false)}
        okButtonProps={{ disabled: !reason.trim(), loading: transition.isPending, danger: true }}
        onOk={() =>
          transition.mutate(
            { to: 'rejected', reason: reason.trim() },
            {
              onSuccess: () => {
                setRejecting(false);
                setReason('');
              },
            },
          )
        }
        destroyOnHidden
      >
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('replenishment.plan.reasonPlaceholder')} />
      </Modal>
    </Card>
  );
}
