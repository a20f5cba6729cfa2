import { useEffect, useState } from 'react';
import { Alert, App, Input, InputNumber, Modal, Space, Table, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../shared/schemas/orders.js';
import { formatFen } from '../../lib/format';
import { useOrderAction } from './api';
import { TradeError } from './labels';

interface Row {
  sku: string;
  productName: string;
  left: number;
  quantity: number | null;
  batchNo: string;
  codes: string;
}

const codesOf = (text: string) => text.split(/[\s,;，；]+/).filter(Boolean);

/** Records a shipment: per line the quantity, a batch number and optional unit codes (一物一码). */
export function ShipmentModal({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { ship } = useOrderAction(order.id);
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (open) {
      ship.reset();
      setRows(
        order.lines
          .filter((l) => l.quantity > l.shippedQuantity)
          .map((l) => ({ sku: l.sku, productName: l.productName, left: l.quantity - l.shippedQuantity, quantity: l.quantity - l.shippedQuantity, batchNo: '', codes: '' })),
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, order]);
  const set = (sku: string, patch: Partial<Row>) => setRows((all) => all.map((r) => (r.sku === sku ? { ...r, ...patch } : r)));
  const chosen = rows.filter((r) => r.quantity && r.quantity > 0);
  const codeMismatch = chosen.filter((r) => codesOf(r.codes).length > 0 && codesOf(r.codes).length !== r.quantity);

  const submit = () =>
    ship.mutate(
      {
        lines: chosen.map((r) => ({
          sku: r.sku,
          quantity: r.quantity!,
          ...(r.batchNo.trim() ? { batchNo: r.batchNo.trim() } : {}),
          ...(codesOf(r.codes).length ? { codes: codesOf(r.codes) } : {}),
        })),
      },
      {
        onSuccess: (shipment) => {
          void message.success(t('trade.ship.done', { number: shipment.number, invoice: shipment.invoice.docNo, amount: formatFen(shipment.amountFen) }));
          onClose();
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('trade.ship.title', { number: order.number })}
      onCancel={onClose}
      onOk={submit}
      okText={t('trade.ship.submit')}
      okButtonProps={{ disabled: chosen.length === 0 || codeMismatch.length > 0, loading: ship.isPending, 'data-testid': 'ship-submit' } as ButtonProps}
      width={860}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('trade.ship.help')}
        </Typography.Paragraph>
        <TradeError error={ship.error} />
        {codeMismatch.length > 0 && <Alert type="warning" showIcon title={t('trade.ship.codeMismatch', { skus: codeMismatch.map((r) => r.sku).join(', ') })} />}
        <Table<Row>
          size="small"
          rowKey="sku"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('trade.fields.product'), key: 'p', render: (_, r) => `${r.sku} · ${r.productName}` },
            { title: t('trade.ship.left'), dataIndex: 'left', align: 'right' },
            {
              title: t('trade.ship.quantity'),
              key: 'q',
              render: (_, r) => (
                <InputNumber<number> min={0} max={r.left} precision={0} value={r.quantity} onChange={(v) => set(r.sku, { quantity: v })} data-testid="ship-qty" style={{ width: 100 }} />
              ),
            },
            {
              title: t('trade.ship.batchNo'),
              key: 'b',
              render: (_, r) => <Input value={r.batchNo} maxLength={64} onChange={(e) => set(r.sku, { batchNo: e.target.value })} data-testid="ship-batch" style={{ width: 140 }} />,
            },
            {
              title: t('trade.ship.codes'),
              key: 'c',
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <Input.TextArea
                    rows={2}
                    value={r.codes}
                    placeholder={t('trade.ship.codesPlaceholder')}
                    onChange={(e) => set(r.sku, { codes: e.target.value })}
                    data-testid="ship-codes"
                    style={{ width: 220 }}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('trade.ship.codeCount', { count: codesOf(r.codes).length })}
                  </Typography.Text>
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
