import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Input, Modal, Row, Segmented, Select, Statistic, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AlertLevelName, StockAlert } from '../../../shared/schemas/index.js';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { useAccess } from '../../lib/access';
import { errorTitle } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { DealerSelect } from '../dealers/DealerSelect';
import { useCategories } from '../products/api';
import { inventoryKeys, useAcknowledge, useHealthGroups } from './api';
import { DetailDrawer } from './DetailDrawer';
import { LEVELS, LEVEL_COLORS, LevelTag, fixed } from './labels';

type Ack = 'all' | 'false' | 'true';

/** The alert centre: current alerts computed live, filters, acknowledgement and drill-down. */
export default function AlertsPage() {
  const { t } = useTranslation();
  const { can, isDealerUser } = useAccess();
  const [level, setLevel] = useState<AlertLevelName | 'all'>('all');
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [dealerId, setDealerId] = useState<string | null>(null);
  const [ack, setAck] = useState<Ack>('false');
  const [acking, setAcking] = useState<StockAlert | null>(null);
  const [note, setNote] = useState('');
  const [open, setOpen] = useState<StockAlert | null>(null);
  const categories = useCategories();
  const acknowledge = useAcknowledge();
  const filters = { level: level === 'all' ? undefined : level, regionCode, category, dealerId: dealerId ?? undefined, acknowledged: ack === 'all' ? undefined : ack };
  const alerts = useCursorList<StockAlert>([...inventoryKeys.alerts, 'list'], '/inventory/alerts', filters);
  const totals = useHealthGroups({ by: 'province', regionCode, category });
  const sum = (l: AlertLevelName) => (totals.data?.items ?? []).reduce((s, g) => s + g[l], 0);
  const closeAck = () => {
    acknowledge.reset();
    setAcking(null);
    setNote('');
  };
  return (
    <div data-testid="inventory-alerts-page">
      <PageHeader title={t('inventory.menu.alerts')} sub={t('inventory.alerts.subtitle')} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {LEVELS.map((l) => (
          <Col xs={12} md={6} key={l}>
            <Card
              size="small"
              hoverable
              onClick={() => setLevel(l)}
              style={{ borderTop: `3px solid ${LEVEL_COLORS[l] === 'red' ? '#f5222d' : LEVEL_COLORS[l] === 'orange' ? '#fa8c16' : LEVEL_COLORS[l] === 'blue' ? '#1677ff' : '#722ed1'}` }}
            >
              <Statistic title={t(`inventory.level.${l}`)} value={totals.isLoading ? '-' : sum(l)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`inventory.levelHelp.${l}`)}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Segmented<AlertLevelName | 'all'>
            value={level}
            onChange={setLevel}
            options={[{ value: 'all', label: t('inventory.filters.allLevels') }, ...LEVELS.map((l) => ({ value: l, label: t(`inventory.level.${l}`) }))]}
          />
          <Segmented<Ack> value={ack} onChange={setAck} options={(['false', 'true', 'all'] as Ack[]).map((a) => ({ value: a, label: t(`inventory.alerts.ack_${a}`) }))} />
          {!isDealerUser && <RegionPicker value={regionCode ?? null} onChange={(c) => setRegionCode(c ?? undefined)} allowClear placeholder={t('inventory.filters.region')} style={{ width: 220 }} />}
          <Select
            allowClear
            placeholder={t('inventory.filters.category')}
            value={category}
            onChange={setCategory}
            options={(categories.data ?? []).map((c) => ({ value: c, label: c }))}
            style={{ width: 160 }}
          />
          {!isDealerUser && (
            <div style={{ width: 260 }}>
              <DealerSelect value={dealerId} onChange={setDealerId} placeholder={t('inventory.filters.dealer')} />
            </div>
          )}
          <ExportButton path="/inventory/alerts" params={filters} filename="stock-alerts" />
        </Flex>
        <CursorTable<StockAlert>
          query={alerts}
          rowKey={(a) => `${a.dealerId}|${a.sku}`}
          emptyText={t('inventory.alerts.empty')}
          onRow={(a) => ({ onClick: () => setOpen(a), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('inventory.fields.level'), dataIndex: 'level', render: (l: AlertLevelName) => <LevelTag level={l} /> },
            { title: t('inventory.fields.dealer'), key: 'd', render: (_, a) => `${a.dealerCode} · ${a.dealerName}` },
            { title: t('inventory.fields.sku'), key: 'sku', render: (_, a) => `${a.sku} · ${a.productName}` },
            { title: t('inventory.fields.onHand'), dataIndex: 'onHand', align: 'right' },
            { title: t('inventory.fields.onOrder'), dataIndex: 'onOrder', align: 'right' },
            { title: t('inventory.fields.safetyStock'), dataIndex: 'safetyStock', align: 'right' },
            { title: t('inventory.fields.reorderPoint'), dataIndex: 'reorderPoint', align: 'right' },
            { title: t('inventory.fields.orderUpTo'), dataIndex: 'max', align: 'right' },
            {
              title: t('inventory.fields.suggested'),
              key: 'suggested',
              align: 'right',
              render: (_, a) => (
                <Typography.Text strong={a.suggestedQuantity > 0} type={a.suggestedQuantity > 0 ? undefined : 'secondary'}>
                  {a.suggestedQuantity > 0 ? t(`inventory.action.${a.action}`, { count: a.suggestedQuantity }) : t('inventory.action.covered')}
                </Typography.Text>
              ),
            },
            { title: t('inventory.fields.dailyDemand'), dataIndex: 'dailyDemand', align: 'right', render: (v: number) => fixed(v) },
            { title: t('inventory.fields.lastSale'), dataIndex: 'lastSaleOn', render: (v: string | null) => v ?? '-' },
            {
              title: t('inventory.alerts.acknowledged'),
              key: 'ack',
              render: (_, a) =>
                a.acknowledged ? (
                  <Typography.Text type="secondary">{`${a.acknowledgedBy} · ${formatDateTime(a.acknowledgedAt)}`}</Typography.Text>
                ) : can('inventory.acknowledge') ? (
                  <Button
                    size="small"
                    icon={<CheckOutlined />}
                    data-testid="ack-button"
                    onClick={(e) => {
                      e.stopPropagation();
                      setAcking(a);
                    }}
                  >
                    {t('inventory.alerts.acknowledge')}
                  </Button>
                ) : (
                  '-'
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!acking}
        title={acking ? `${t('inventory.alerts.acknowledge')}: ${acking.dealerName} · ${acking.sku}` : ''}
        onCancel={closeAck}
        onOk={() => acking && acknowledge.mutate({ dealerId: acking.dealerId, sku: acking.sku, level: acking.level, note: note.trim() || undefined }, { onSuccess: closeAck })}
        okButtonProps={{ loading: acknowledge.isPending }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('inventory.alerts.ackHelp')}</Typography.Paragraph>
        {acknowledge.error && <Alert type="error" showIcon title={errorTitle(t, acknowledge.error)} style={{ marginBottom: 12 }} />}
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('inventory.alerts.notePlaceholder')} />
      </Modal>
      <DetailDrawer dealerId={open?.dealerId ?? null} sku={open?.sku ?? null} onClose={() => setOpen(null)} />
    </div>
  );
}
