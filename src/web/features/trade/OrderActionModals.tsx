import { useEffect, useState } from 'react';
import { App, Input, InputNumber, Modal, Space, Table, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order, OrderStatus } from '../../../shared/schemas/orders.js';
import { isApiError } from '../../lib/api';
import { useAccess } from '../../lib/access';
import { formatFen } from '../../lib/format';
import { useOrderAction } from './api';
import { TradeError } from './labels';

/**
 * A status move (approve, cancel, receive, close) with an optional reason. A refused approval
 * for credit shows the shortfall; an HQ admin may then approve over it with a reason.
 */
export function TransitionModal({ order, to, onClose }: { order: Order; to: OrderStatus | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { transition } = useOrderAction(order.id);
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  useEffect(() => {
    if (to) {
      transition.reset();
      setReason('');
      setOverride('');
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [to]);
  const creditRefused = isApiError(transition.error) && (transition.error.code === 'CREDIT_LIMIT_EXCEEDED' || (transition.error.problem as { rule?: string }).rule === 'CREDIT_HOLD');
  const overriding = creditRefused && can('credit.override');
  const needsReason = to === 'cancelled';
  const submit = () =>
    transition.mutate(
      { to: to!, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(overriding && override.trim() ? { creditOverride: { reason: override.trim() } } : {}) },
      { onSuccess: onClose },
    );
  return (
    <Modal
      open={!!to}
      title={to ? t(`trade.actions.${to}`) : ''}
      onCancel={onClose}
      onOk={submit}
      okText={overriding ? t('trade.override.submit') : t('common.confirm')}
      okButtonProps={
        {
          danger: to === 'cancelled' || overriding,
          disabled: (needsReason && !reason.trim()) || (overriding && !override.trim()),
          loading: transition.isPending,
          'data-testid': 'transition-submit',
        } as ButtonProps
      }
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('trade.actions.confirm', { number: order.number, action: to ? t(`trade.actions.${to}`) : '' })}</Typography.Text>
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={needsReason ? t('trade.actions.reasonRequired') : t('trade.actions.reasonOptional')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="transition-reason"
        />
        <TradeError error={transition.error} testId="transition-error" />
        {overriding && (
          <>
            <Typography.Text strong>{t('trade.override.title')}</Typography.Text>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('trade.override.reasonPlaceholder')} value={override} onChange={(e) => setOverride(e.target.value)} data-testid="override-reason" />
          </>
        )}
      </Space>
    </Modal>
  );
}

/** Goods sent back with a reason: each line up to what was shipped and not yet returned. */
export function ReturnModal({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { giveBack } = useOrderAction(order.id);
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [quantities, setQuantities] = useState<Record<string, number | null>>({});
  useEffect(() => {
    if (open) {
      giveBack.reset();
      setReason('');
      setQuantities({});
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const returnable = order.lines.filter((l) => l.shippedQuantity > l.returnedQuantity);
  const chosen = returnable.filter((l) => (quantities[l.sku] ?? 0) > 0).map((l) => ({ sku: l.sku, quantity: quantities[l.sku]! }));
  return (
    <Modal
      open={open}
      title={t('trade.return.title', { number: order.number })}
      onCancel={onClose}
      onOk={() =>
        giveBack.mutate(
          { reason: reason.trim(), lines: chosen },
          {
            onSuccess: (r) => {
              void message.success(t('trade.return.done', { number: r.number, docNo: r.creditNote.docNo, amount: formatFen(r.amountFen) }));
              onClose();
            },
          },
        )
      }
      okText={t('trade.return.submit')}
      okButtonProps={{ disabled: !reason.trim() || chosen.length === 0, loading: giveBack.isPending, 'data-testid': 'return-submit' } as ButtonProps}
      width={720}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('trade.return.help')}
        </Typography.Paragraph>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('trade.return.reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="return-reason" />
        <TradeError error={giveBack.error} />
        <Table
          size="small"
          rowKey="sku"
          pagination={false}
          dataSource={returnable}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('trade.fields.product'), key: 'p', render: (_, l) => `${l.sku} · ${l.productName}` },
            { title: t('trade.return.returnable'), key: 'r', align: 'right', render: (_, l) => l.shippedQuantity - l.returnedQuantity },
            {
              title: t('trade.return.quantity'),
              key: 'q',
              render: (_, l) => (
                <InputNumber<number>
                  min={0}
                  max={l.shippedQuantity - l.returnedQuantity}
                  precision={0}
                  value={quantities[l.sku] ?? null}
                  onChange={(v) => setQuantities((q) => ({ ...q, [l.sku]: v }))}
                  data-testid="return-qty"
                />
              ),
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
