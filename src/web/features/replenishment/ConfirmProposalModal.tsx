import { useState } from 'react';
import { Alert, InputNumber, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VmiProposal } from '../../../shared/schemas/index.js';
import { errorTitle } from '../../lib/errors';
import { formatFen } from '../../lib/format';
import { useConfirmProposal } from './api';

/** HQ confirms a proposal (quantities may be changed): it becomes a purchase order, credit-checked. */
export function ConfirmProposalModal({ proposal, onClose }: { proposal: VmiProposal; onClose: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmProposal();
  const [quantities, setQuantities] = useState<Record<string, number>>(() => Object.fromEntries(proposal.lines.map((l) => [l.sku, l.quantity])));
  const total = proposal.lines.reduce((s, l) => s + (quantities[l.sku] ?? 0) * l.unitPriceFen, 0);
  return (
    <Modal
      open
      width={720}
      title={t('replenishment.vmi.confirmTitle', { number: proposal.number, dealer: proposal.dealerName })}
      okText={t('replenishment.vmi.confirmOk')}
      onCancel={onClose}
      okButtonProps={{ loading: confirm.isPending, disabled: total <= 0 }}
      onOk={() => confirm.mutate({ id: proposal.id, body: { lines: proposal.lines.map((l) => ({ sku: l.sku, quantity: quantities[l.sku] ?? 0 })) } }, { onSuccess: onClose })}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('replenishment.vmi.confirmHelp')}</Typography.Paragraph>
      {confirm.error && <Alert type="error" showIcon title={errorTitle(t, confirm.error)} style={{ marginBottom: 12 }} />}
      <Table
        size="small"
        rowKey="sku"
        pagination={false}
        dataSource={proposal.lines}
        columns={[
          { title: t('replenishment.fields.product'), key: 'p', render: (_, l) => `${l.sku} · ${l.productName}` },
          { title: t('replenishment.vmi.proposed'), dataIndex: 'quantity', align: 'right' },
          {
            title: t('replenishment.vmi.orderQuantity'),
            key: 'q',
            render: (_, l) => <InputNumber min={0} max={10_000_000} precision={0} value={quantities[l.sku]} onChange={(v) => setQuantities({ ...quantities, [l.sku]: v ?? 0 })} />,
          },
          { title: t('replenishment.vmi.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (v: number) => formatFen(v) },
        ]}
      />
      <Typography.Paragraph strong style={{ marginTop: 12, textAlign: 'right' }}>
        {t('replenishment.vmi.estimatedTotal', { amount: formatFen(total) })}
      </Typography.Paragraph>
    </Modal>
  );
}
