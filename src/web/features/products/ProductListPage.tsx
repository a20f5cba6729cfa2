import { useMemo, useState } from 'react';
import { Button, Card, Col, Input, Row, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Product } from '../../../shared/schemas/catalog.js';
import { useAccess } from '../../lib/access';
import { formatFen } from '../../lib/format';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { ImportButton } from '../../components/ImportButton';
import { PageHeader } from '../../components/PageHeader';
import { useCategories, useProductList, type ProductFilters } from './api';
import { ProductFormModal } from './ProductFormModal';

const FILTER_KEYS = ['q', 'category', 'active'] as const;

export default function ProductListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<{ product?: Product } | null>(null);
  const filters = useMemo(() => {
    const f: ProductFilters = {};
    for (const key of FILTER_KEYS) {
      const v = params.get(key);
      if (v) f[key] = v;
    }
    return f;
  }, [params]);
  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const list = useProductList(filters);
  const categories = useCategories();
  const writable = can('products.write');

  const columns = useMemo<TableColumnsType<Product>>(
    () => [
      {
        title: t('products.fields.sku'),
        dataIndex: 'sku',
        key: 'sku',
        fixed: 'left',
        sorter: (a, b) => a.sku.localeCompare(b.sku),
        render: (sku: string) => <Typography.Text code>{sku}</Typography.Text>,
      },
      { title: t('products.fields.name'), dataIndex: 'name', key: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
      { title: t('products.fields.category'), dataIndex: 'category', key: 'category', responsive: ['sm'], sorter: (a, b) => a.category.localeCompare(b.category, 'zh-CN') },
      { title: t('products.fields.unit'), dataIndex: 'unit', key: 'unit', responsive: ['md'], width: 70 },
      {
        title: t('products.fields.listPrice'),
        dataIndex: 'listPriceFen',
        key: 'listPriceFen',
        align: 'right',
        sorter: (a, b) => a.listPriceFen - b.listPriceFen,
        render: (fen: number) => formatFen(fen),
      },
      {
        title: t('products.fields.minRetailPrice'),
        dataIndex: 'minRetailPriceFen',
        key: 'minRetailPriceFen',
        align: 'right',
        responsive: ['md'],
        sorter: (a, b) => a.minRetailPriceFen - b.minRetailPriceFen,
        render: (fen: number) => formatFen(fen),
      },
      {
        title: t('products.fields.active'),
        dataIndex: 'active',
        key: 'active',
        width: 90,
        render: (active: boolean) => <Tag color={active ? 'success' : 'default'}>{active ? t('products.active') : t('products.inactive')}</Tag>,
      },
      ...(writable
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_: unknown, p: Product) => (
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ product: p })} data-testid="edit-product">
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
    <div data-testid="product-list-page">
      <PageHeader
        title={t('menu.products')}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="new-product">
                {t('products.new')}
              </Button>
            )}
            {writable && can('imports.run') && <ImportButton kind="products" onApplied={() => void queryClient.invalidateQueries({ queryKey: ['products'] })} />}
            <ExportButton path="/products" params={filters} filename="products" />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={8}>
            <Input.Search allowClear defaultValue={filters.q} placeholder={t('products.search')} onSearch={(v) => setFilter('q', v.trim() || undefined)} data-testid="product-filter-q" />
          </Col>
          <Col xs={12} sm={6} lg={5}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('products.fields.category')}
              value={filters.category}
              loading={categories.isLoading}
              onChange={(v?: string) => setFilter('category', v)}
              options={(categories.data ?? []).map((c) => ({ value: c, label: c }))}
              data-testid="product-filter-category"
            />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('products.fields.active')}
              value={filters.active}
              onChange={(v?: string) => setFilter('active', v)}
              options={[
                { value: 'true', label: t('products.active') },
                { value: 'false', label: t('products.inactive') },
              ]}
              data-testid="product-filter-active"
            />
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <CursorTable<Product> query={list} rowKey="id" columns={columns} emptyText={t('products.empty')} data-testid="product-table" />
      </Card>
      <ProductFormModal open={!!editing} product={editing?.product} onClose={() => setEditing(null)} />
    </div>
  );
}
