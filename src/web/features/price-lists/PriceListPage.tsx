import { useMemo, useState } from 'react';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TIERS } from '../../../shared/schemas/dealers.js';
import type { PriceList } from '../../../shared/schemas/catalog.js';
import { useAccess } from '../../lib/access';
import { formatDate, formatDateTime, formatFen } from '../../lib/format';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { TierTag } from '../../components/EnumTags';
import { PageHeader } from '../../components/PageHeader';
import { usePriceLists } from './api';
import { PriceCheck } from './PriceCheck';
import { PriceListForm } from './PriceListForm';

function periodState(p: PriceList): 'current' | 'future' | 'expired' {
  const today = dayjs().format('YYYY-MM-DD');
  if (p.effectiveFrom > today) return 'future';
  if (p.effectiveTo && p.effectiveTo < today) return 'expired';
  return 'current';
}

function Items({ priceList }: { priceList: PriceList }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="sku"
      dataSource={priceList.items}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('products.fields.sku'), dataIndex: 'sku', render: (s: string) => <Typography.Text code>{s}</Typography.Text> },
        { title: t('products.fields.name'), dataIndex: 'productName' },
        { title: t('products.fields.listPrice'), dataIndex: 'listPriceFen', align: 'right', render: (f: number) => formatFen(f) },
        { title: t('priceLists.fields.tierPrice'), dataIndex: 'priceFen', align: 'right', render: (f: number) => <strong>{formatFen(f)}</strong> },
        {
          title: t('priceLists.fields.discount'),
          key: 'discount',
          align: 'right',
          render: (_: unknown, i) => (i.listPriceFen ? `${Math.round((i.priceFen / i.listPriceFen) * 1000) / 10}%` : '-'),
        },
      ]}
    />
  );
}

export default function PriceListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [params, setParams] = useSearchParams();
  const tier = params.get('tier') ?? undefined;
  const filters = useMemo(() => (tier ? { tier } : {}), [tier]);
  const list = usePriceLists(filters);
  const [editing, setEditing] = useState<{ priceList?: PriceList } | null>(null);
  const writable = can('priceLists.write');

  const columns = useMemo<TableColumnsType<PriceList>>(
    () => [
      { title: t('priceLists.fields.name'), dataIndex: 'name', key: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
      { title: t('priceLists.fields.tier'), dataIndex: 'tier', key: 'tier', render: (tier: PriceList['tier']) => <TierTag tier={tier} /> },
      {
        title: t('priceLists.fields.period'),
        key: 'period',
        sorter: (a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom),
        render: (_: unknown, p) => {
          const state = periodState(p);
          return (
            <Space size={6} wrap>
              <span>
                {formatDate(p.effectiveFrom)} ~ {p.effectiveTo ? formatDate(p.effectiveTo) : t('priceLists.noEnd')}
              </span>
              <Tag color={state === 'current' ? 'success' : state === 'future' ? 'processing' : 'default'}>{t(`priceLists.state.${state}`)}</Tag>
            </Space>
          );
        },
      },
      { title: t('priceLists.fields.itemCount'), key: 'items', align: 'right', responsive: ['sm'], render: (_: unknown, p) => p.items.length },
      { title: t('common.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', responsive: ['lg'], render: (v: string) => formatDateTime(v) },
      ...(writable
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_: unknown, p: PriceList) => (
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ priceList: p })} data-testid="edit-price-list">
                  {t('common.edit')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, writable],
  );

  return (
    <div data-testid="price-list-page">
      <PageHeader
        title={t('menu.priceLists')}
        sub={t('priceLists.subtitle')}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="new-price-list">
                {t('priceLists.new')}
              </Button>
            )}
            <ExportButton path="/price-lists" params={filters} filename="price-lists" />
          </>
        }
      />
      <PriceCheck />
      <Card size="small" style={{ marginTop: 16 }}>
        <Space style={{ marginBottom: 12 }} wrap>
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('priceLists.fields.tier')}
            value={tier}
            onChange={(v?: string) => setParams(v ? { tier: v } : {}, { replace: true })}
            options={TIERS.map((x) => ({ value: x, label: t(`enums.tier.${x}`) }))}
            data-testid="price-list-filter-tier"
          />
        </Space>
        <CursorTable<PriceList>
          query={list}
          rowKey="id"
          columns={columns}
          emptyText={t('priceLists.empty')}
          expandable={{ expandedRowRender: (p) => <Items priceList={p} />, rowExpandable: (p) => p.items.length > 0 }}
          data-testid="price-list-table"
        />
      </Card>
      <PriceListForm open={!!editing} priceList={editing?.priceList} onClose={() => setEditing(null)} />
    </div>
  );
}
