import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HealthGroup, HealthItem } from '../../../shared/schemas/index.js';
import { CursorTable, type useCursorList } from '../../components/CursorTable';
import { formatFen } from '../../lib/format';
import { LEVEL_COLORS, LevelTag, fixed, percent } from './labels';
import { provinceLabel } from './ProvinceTileMap';

const count = (level: 'critical' | 'reorder' | 'overstock' | 'slow') => (n: number) => (n > 0 ? <Tag color={LEVEL_COLORS[level]}>{n}</Tag> : <Typography.Text type="secondary">0</Typography.Text>);

/** Health per province or per dealer; a click on a row picks it. */
export function GroupTable({ rows, loading, by, onPick }: { rows: HealthGroup[]; loading: boolean; by: 'dealer' | 'province'; onPick?: (g: HealthGroup) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (
    <Table<HealthGroup>
      size="middle"
      rowKey="key"
      loading={loading}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      onRow={(g) => ({ onClick: () => onPick?.(g), style: onPick ? { cursor: 'pointer' } : undefined })}
      columns={[
        {
          title: by === 'dealer' ? t('inventory.fields.dealer') : t('inventory.fields.province'),
          key: 'name',
          render: (_, g) => (by === 'dealer' ? `${g.code} · ${g.name}` : ((english ? provinceLabel(g.code, true) : null) ?? g.name)),
        },
        ...(by === 'province' ? [{ title: t('inventory.fields.dealers'), dataIndex: 'dealerCount', align: 'right' as const }] : []),
        { title: t('inventory.fields.skus'), dataIndex: 'skuCount', align: 'right' },
        { title: t('inventory.level.critical'), dataIndex: 'critical', align: 'right', render: count('critical'), sorter: (a, b) => a.critical - b.critical },
        { title: t('inventory.level.reorder'), dataIndex: 'reorder', align: 'right', render: count('reorder'), sorter: (a, b) => a.reorder - b.reorder },
        { title: t('inventory.level.overstock'), dataIndex: 'overstock', align: 'right', render: count('overstock'), sorter: (a, b) => a.overstock - b.overstock },
        { title: t('inventory.level.slow'), dataIndex: 'slow', align: 'right', render: count('slow'), sorter: (a, b) => a.slow - b.slow },
        { title: t('inventory.fields.stockValue'), dataIndex: 'inventoryValueFen', align: 'right', render: (v: number) => formatFen(v), sorter: (a, b) => a.inventoryValueFen - b.inventoryValueFen },
        {
          title: t('inventory.fields.turnoverDays'),
          dataIndex: 'turnoverDays',
          align: 'right',
          render: (v: number | null) => fixed(v, 1),
          sorter: (a, b) => (a.turnoverDays ?? 1e9) - (b.turnoverDays ?? 1e9),
        },
        {
          title: t('inventory.fields.slowRatio'),
          dataIndex: 'slowMovingRatio',
          align: 'right',
          render: (v: number | null) => percent(v),
          sorter: (a, b) => (a.slowMovingRatio ?? 0) - (b.slowMovingRatio ?? 0),
        },
      ]}
    />
  );
}

/** Every dealer x SKU with its targets; a click opens the drill-down. */
export function ItemTable({ query, showDealer, onOpen }: { query: ReturnType<typeof useCursorList<HealthItem>>; showDealer: boolean; onOpen: (i: HealthItem) => void }) {
  const { t } = useTranslation();
  return (
    <CursorTable<HealthItem>
      query={query}
      rowKey={(i) => `${i.dealerId}|${i.sku}`}
      emptyText={t('inventory.health.empty')}
      onRow={(i) => ({ onClick: () => onOpen(i), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('inventory.fields.level'), dataIndex: 'level', render: (l: HealthItem['level']) => <LevelTag level={l} /> },
        ...(showDealer ? [{ title: t('inventory.fields.dealer'), key: 'd', render: (_: unknown, i: HealthItem) => `${i.dealerCode} · ${i.dealerName}` }] : []),
        { title: t('inventory.fields.sku'), key: 'sku', render: (_, i) => `${i.sku} · ${i.productName}` },
        { title: t('inventory.fields.onHand'), dataIndex: 'onHand', align: 'right' },
        { title: t('inventory.fields.onOrder'), dataIndex: 'onOrder', align: 'right' },
        { title: t('inventory.fields.dailyDemand'), dataIndex: 'dailyDemand', align: 'right', render: (v: number) => fixed(v) },
        { title: t('inventory.fields.safetyStock'), dataIndex: 'safetyStock', align: 'right' },
        { title: t('inventory.fields.reorderPoint'), dataIndex: 'reorderPoint', align: 'right' },
        { title: t('inventory.fields.orderUpTo'), dataIndex: 'orderUpTo', align: 'right' },
        { title: t('inventory.fields.turnoverDays'), dataIndex: 'turnoverDays', align: 'right', render: (v: number | null) => fixed(v, 1) },
        { title: t('inventory.fields.lastSale'), dataIndex: 'lastSaleOn', render: (v: string | null) => v ?? '-' },
      ]}
    />
  );
}
