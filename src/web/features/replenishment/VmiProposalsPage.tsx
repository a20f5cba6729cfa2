import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, Modal, Segmented, Table, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VmiProposal, VmiStatus } from '../../../shared/schemas/index.js';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useAccess } from '../../lib/access';
import { errorTitle } from '../../lib/errors';
import { formatDateTime, formatFen } from '../../lib/format';
import { DealerSelect } from '../dealers/DealerSelect';
import { replenishmentKeys, useGenerateProposals, useRejectProposal } from './api';
import { ConfirmProposalModal } from './ConfirmProposalModal';
import { VmiSettingsCard } from './VmiSettingsCard';

const STATUS_COLORS: Record<VmiStatus, string> = { proposed: 'blue', confirming: 'processing', ordered: 'green', rejected: 'default', superseded: 'default' };
type Filter = VmiStatus | 'all';

export function LinesTable({ proposal }: { proposal: VmiProposal }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="lineNo"
      dataSource={proposal.lines}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('replenishment.fields.product'), key: 'p', render: (_, l) => `${l.sku} · ${l.productName}` },
        { title: t('replenishment.vmi.safetyStock'), dataIndex: 'safetyStock', align: 'right' },
        { title: t('replenishment.vmi.reorderPoint'), dataIndex: 'reorderPoint', align: 'right', render: (v: number | null) => v ?? '—' },
        { title: t('replenishment.vmi.target'), dataIndex: 'targetLevel', align: 'right' },
        { title: t('replenishment.vmi.onHand'), dataIndex: 'onHand', align: 'right' },
        { title: t('replenishment.vmi.inTransit'), dataIndex: 'inTransit', align: 'right' },
        { title: t('replenishment.vmi.quantity'), dataIndex: 'quantity', align: 'right', render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
        { title: t('replenishment.vmi.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (v: number) => formatFen(v) },
        // Old lines (sized by the former VMI formula) carry no cover days of their own: the proposal's.
        {
          title: t('replenishment.vmi.forecastDemand'),
          key: 'forecast',
          align: 'right',
          render: (_, l) => t('replenishment.vmi.forecastOver', { quantity: l.forecastDemand, days: l.coverDays ?? proposal.coverDays }),
        },
        { title: t('replenishment.vmi.model'), dataIndex: 'forecastModel', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
      ]}
    />
  );
}

/** VMI replenishment proposals: the stock-health reorder suggestions of VMI dealers, confirmed by HQ into ordinary orders. */
export default function VmiProposalsPage() {
  const { t } = useTranslation();
  const { can, isDealerUser } = useAccess();
  const manage = can('vmi.manage');
  const [status, setStatus] = useState<Filter>('proposed');
  const [dealerId, setDealerId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<VmiProposal | null>(null);
  const [rejecting, setRejecting] = useState<VmiProposal | null>(null);
  const [reason, setReason] = useState('');
  const generate = useGenerateProposals();
  const reject = useRejectProposal();
  const filters = { status: status === 'all' ? undefined : status, dealerId: dealerId ?? undefined };
  const proposals = useCursorList<VmiProposal>([...replenishmentKeys.proposals, 'list'], '/vmi/proposals', filters);

  return (
    <div data-testid="vmi-proposals-page">
      <PageHeader
        title={t('replenishment.menu.vmi')}
        sub={t('replenishment.vmi.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<ReloadOutlined />} loading={generate.isPending} data-testid="vmi-generate" onClick={() => generate.mutate(dealerId ? { dealerId } : {})}>
              {dealerId ? t('replenishment.vmi.generateOne') : t('replenishment.vmi.generate')}
            </Button>
          )
        }
      />
      {generate.data && (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginBottom: 12 }}
          title={t('replenishment.vmi.generated', { created: generate.data.created.length, skipped: generate.data.skippedDealers, auto: generate.data.autoConfirmed })}
        />
      )}
      {generate.error && <Alert type="error" showIcon title={errorTitle(t, generate.error)} style={{ marginBottom: 12 }} />}
      {!isDealerUser && <VmiSettingsCard />}
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented<Filter>
              value={status}
              onChange={setStatus}
              options={(['proposed', 'ordered', 'rejected', 'superseded', 'all'] as Filter[]).map((s) => ({ value: s, label: t(`replenishment.vmiStatus.${s}`) }))}
            />
          </div>
          {!isDealerUser && (
            <div style={{ width: 260 }}>
              <DealerSelect value={dealerId} onChange={setDealerId} placeholder={t('replenishment.vmi.dealer')} />
            </div>
          )}
          <ExportButton path="/vmi/proposals" params={filters} filename="vmi-proposals" />
        </Flex>
        <CursorTable<VmiProposal>
          query={proposals}
          rowKey="id"
          emptyText={t('replenishment.vmi.empty')}
          expandable={{ expandedRowRender: (p) => <LinesTable proposal={p} />, rowExpandable: (p) => p.lines.length > 0 }}
          columns={[
            { title: t('replenishment.vmi.number'), dataIndex: 'number' },
            // A dealer user sees only its own proposals: no dealer column on its (phone) screen.
            ...(isDealerUser ? [] : [{ title: t('replenishment.vmi.dealer'), key: 'dealer', render: (_: unknown, p: VmiProposal) => `${p.dealerCode} · ${p.dealerName}` }]),
            { title: t('replenishment.fields.status'), dataIndex: 'status', render: (s: VmiStatus) => <Tag color={STATUS_COLORS[s]}>{t(`replenishment.vmiStatus.${s}`)}</Tag> },
            { title: t('replenishment.vmi.lines'), key: 'lines', align: 'right', render: (_, p) => p.lines.length },
            { title: t('replenishment.vmi.units'), key: 'units', align: 'right', render: (_, p) => p.lines.reduce((s, l) => s + l.quantity, 0) },
            { title: t('replenishment.vmi.estimated'), dataIndex: 'estimatedFen', align: 'right', render: (v: number) => formatFen(v) },
            {
              title: t('replenishment.vmi.result'),
              key: 'result',
              render: (_, p) =>
                p.orderId ? (
                  <Link to={`/trade/orders/${p.orderId}`}>{t('replenishment.vmi.viewOrder')}</Link>
                ) : p.lastError ? (
                  <Typography.Text type="danger" style={{ maxWidth: 280, display: 'inline-block' }} ellipsis={{ tooltip: p.lastError }}>
                    {p.lastError}
                  </Typography.Text>
                ) : p.decisionReason ? (
                  <Typography.Text type="secondary">{p.decisionReason}</Typography.Text>
                ) : (
                  '-'
                ),
            },
            { title: t('replenishment.fields.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            ...(manage
              ? [
                  {
                    title: '',
                    key: 'actions',
                    render: (_: unknown, p: VmiProposal) =>
                      p.status === 'proposed' && (
                        <Flex gap={6}>
                          <Button size="small" type="primary" icon={<CheckOutlined />} data-testid="vmi-confirm" onClick={() => setConfirming(p)}>
                            {t('replenishment.vmi.confirm')}
                          </Button>
                          <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(p)}>
                            {t('replenishment.vmi.reject')}
                          </Button>
                        </Flex>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {confirming && <ConfirmProposalModal proposal={confirming} onClose={() => setConfirming(null)} />}
      <Modal
        open={!!rejecting}
        title={rejecting ? `${t('replenishment.vmi.reject')} ${rejecting.number}` : ''}
        onCancel={() => setRejecting(null)}
        okButtonProps={{ disabled: !reason.trim(), loading: reject.isPending, danger: true }}
        onOk={() =>
          rejecting &&
          reject.mutate(
            { id: rejecting.id, reason: reason.trim() },
            {
              onSuccess: () => {
                setRejecting(null);
                setReason('');
              },
            },
          )
        }
        destroyOnHidden
      >
        {reject.error && <Alert type="error" showIcon title={errorTitle(t, reject.error)} style={{ marginBottom: 12 }} />}
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('replenishment.plan.reasonPlaceholder')} />
      </Modal>
    </div>
  );
}
