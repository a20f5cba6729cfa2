import { useState } from 'react';
import { Button, Card, DatePicker, Flex, InputNumber, Modal, Space, Table, Tabs, Tag, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SnapshotRecord, StockItem } from '../../../shared/schemas/sellout.js';
import { useAccess } from '../../lib/access';
import { formatDateTime } from '../../lib/format';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { DealerSelect } from '../dealers/DealerSelect';
import { tradeKeys, useOwnDealerId, useRecordSnapshot } from './api';
import { TradeError } from './labels';
import { SkuSelect } from './SkuSelect';

/** A physical count: SKU and counted quantity per line; the server records each difference. */
function CountModal({ dealerId, open, onClose }: { dealerId: string | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useRecordSnapshot();
  const [takenAt, setTakenAt] = useState<Dayjs>(dayjs());
  const [lines, setLines] = useState<{ key: number; sku?: string; quantity: number | null }[]>([{ key: 1, quantity: null }]);
  const filled = lines.filter((l) => l.sku && l.quantity !== null);
  const close = () => {
    record.reset();
    setLines([{ key: 1, quantity: null }]);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('trade.stock.countTitle')}
      onCancel={close}
      onOk={() => record.mutate({ dealerId: dealerId!, takenAt: takenAt.toISOString(), items: filled.map((l) => ({ sku: l.sku!, quantity: l.quantity! })) }, { onSuccess: close })}
      okButtonProps={{ disabled: !dealerId || filled.length === 0, loading: record.isPending } as ButtonProps}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('trade.stock.countHelp')}
        </Typography.Paragraph>
        <DatePicker showTime value={takenAt} onChange={(v) => v && setTakenAt(v)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        <TradeError error={record.error} />
        {lines.map((line) => (
          <Flex key={line.key} gap={8}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <SkuSelect value={line.sku} onChange={(sku) => setLines((all) => all.map((l) => (l.key === line.key ? { ...l, sku } : l)))} exclude={lines.map((l) => l.sku ?? '')} />
            </div>
            <InputNumber<number>
              min={0}
              precision={0}
              placeholder={t('trade.stock.counted')}
              value={line.quantity}
              onChange={(v) => setLines((all) => all.map((l) => (l.key === line.key ? { ...l, quantity: v } : l)))}
              style={{ width: 110 }}
            />
            <Button type="text" danger icon={<DeleteOutlined />} disabled={lines.length === 1} onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))} />
          </Flex>
        ))}
        <Button type="dashed" block icon={<PlusOutlined />} onClick={() => setLines((all) => [...all, { key: Math.max(...all.map((l) => l.key)) + 1, quantity: null }])}>
          {t('trade.entry.addLine')}
        </Button>
      </Space>
    </Modal>
  );
}

export default function StockPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const own = useOwnDealerId();
  const [dealerId, setDealerId] = useState<string | null>(own);
  const [counting, setCounting] = useState(false);
  const filters = { dealerId: dealerId ?? undefined };
  const stock = useCursorList<StockItem>([...tradeKeys.stock, 'onHand'], '/inventory/stock', filters);
  const snapshots = useCursorList<SnapshotRecord>([...tradeKeys.stock, 'snapshots'], '/inventory/snapshots', filters);
  return (
    <div data-testid="stock-page">
      <PageHeader
        title={t('trade.menu.stock')}
        sub={t('trade.stock.subtitle')}
        extra={
          can('inventory.write') && (
            <Button type="primary" icon={<ScheduleOutlined />} disabled={!dealerId} onClick={() => setCounting(true)} data-testid="new-count">
              {t('trade.stock.countTitle')}
            </Button>
          )
        }
      />
      {!own && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <div style={{ maxWidth: 420 }}>
            <DealerSelect value={dealerId} onChange={setDealerId} />
          </div>
        </Card>
      )}
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'onHand',
              label: t('trade.stock.onHand'),
              children: (
                <>
                  <div style={{ marginBottom: 12 }}>
                    <ExportButton path="/inventory/stock" params={filters} filename="stock" />
                  </div>
                  <CursorTable<StockItem>
                    query={stock}
                    rowKey={(s) => `${s.dealerId}-${s.sku}`}
                    emptyText={t('trade.stock.empty')}
                    columns={[
                      ...(own ? [] : [{ title: t('trade.fields.dealer'), key: 'd', render: (_: unknown, s: StockItem) => `${s.dealerCode} · ${s.dealerName}` }]),
                      { title: t('trade.fields.sku'), dataIndex: 'sku' },
                      { title: t('trade.fields.product'), dataIndex: 'productName' },
                      { title: t('trade.stock.onHand'), dataIndex: 'onHand', align: 'right', render: (v: number) => (v < 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'snapshots',
              label: t('trade.stock.snapshots'),
              children: (
                <>
                  <div style={{ marginBottom: 12 }}>
                    <ExportButton path="/inventory/snapshots" params={filters} filename="snapshots" />
                  </div>
                  <CursorTable<SnapshotRecord>
                    query={snapshots}
                    rowKey="id"
                    emptyText={t('trade.stock.noSnapshots')}
                    expandable={{
                      expandedRowRender: (s) => (
                        <Table
                          size="small"
                          rowKey="sku"
                          pagination={false}
                          dataSource={s.items}
                          columns={[
                            { title: t('trade.fields.sku'), dataIndex: 'sku' },
                            { title: t('trade.stock.counted'), dataIndex: 'countedQuantity', align: 'right' },
                            { title: t('trade.stock.book'), dataIndex: 'bookQuantity', align: 'right' },
                            {
                              title: t('trade.stock.difference'),
                              dataIndex: 'differenceQuantity',
                              align: 'right',
                              render: (d: number) => <Tag color={d === 0 ? 'default' : d > 0 ? 'green' : 'red'}>{d > 0 ? `+${d}` : d}</Tag>,
                            },
                          ]}
                        />
                      ),
                    }}
                    columns={[
                      { title: t('trade.stock.takenAt'), dataIndex: 'takenAt', render: (v: string) => formatDateTime(v) },
                      { title: t('trade.fields.dealer'), key: 'd', render: (_, s) => `${s.dealerCode} · ${s.dealerName}` },
                      { title: t('trade.stock.skuCount'), key: 'n', align: 'right', render: (_, s) => s.items.length },
                      { title: t('trade.stock.withDifference'), key: 'diff', align: 'right', render: (_, s) => s.items.filter((i) => i.differenceQuantity !== 0).length },
                      { title: t('trade.stock.by'), dataIndex: 'createdBy' },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <CountModal dealerId={dealerId} open={counting} onClose={() => setCounting(false)} />
    </div>
  );
}
