import { useMemo } from 'react';
import { Button, Card, Col, DatePicker, Grid, Input, Row, Select } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ORDER_STATUSES, type OrderStatus, type OrderSummary } from '../../../shared/schemas/orders.js';
import { useAccess } from '../../lib/access';
import { formatDate, formatFen } from '../../lib/format';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { DealerSelect } from '../dealers/DealerSelect';
import { tradeKeys } from './api';
import { OrderStatusTag } from './labels';

const FILTER_KEYS = ['q', 'status', 'dealerId', 'from', 'to'] as const;

export default function OrderListPage() {
  const { t } = useTranslation();
  const { can, isDealerUser } = useAccess();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))) as Record<(typeof FILTER_KEYS)[number], string | undefined>, [params]);
  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string | undefined | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const list = useCursorList<OrderSummary>([...tradeKeys.orders, 'list'], '/orders', filters);
  const compact = Grid.useBreakpoint().md === false;

  const columns = [
    { title: t('trade.fields.number'), dataIndex: 'number', key: 'number', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    ...(compact ? [] : [{ title: t('trade.fields.orderDate'), dataIndex: 'orderDate', key: 'orderDate', render: (v: string) => formatDate(v) }]),
    ...(isDealerUser && compact ? [] : [{ title: t('trade.fields.dealer'), key: 'dealer', render: (_: unknown, o: OrderSummary) => `${o.dealerCode} · ${o.dealerName}` }]),
    { title: t('trade.fields.status'), dataIndex: 'status', key: 'status', render: (s: OrderStatus) => <OrderStatusTag status={s} /> },
    { title: t('trade.fields.total'), dataIndex: 'totalFen', key: 'total', align: 'right' as const, render: (v: number) => formatFen(v) },
    ...(compact ? [] : [{ title: t('trade.fields.shipped'), dataIndex: 'shippedFen', key: 'shipped', align: 'right' as const, render: (v: number) => formatFen(v) }]),
    ...(compact ? [] : [{ title: t('trade.fields.createdBy'), dataIndex: 'createdBy', key: 'createdBy' }]),
  ];

  return (
    <div data-testid="order-list-page">
      <PageHeader
        title={t('trade.menu.orders')}
        extra={
          <>
            {can('orders.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/trade/orders/new')} data-testid="new-order">
                {t('trade.entry.title')}
              </Button>
            )}
            <ExportButton path="/orders" params={filters} filename="orders" />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={5}>
            <Input.Search allowClear placeholder={t('trade.filters.number')} defaultValue={filters.q} onSearch={(v) => setFilter('q', v.trim())} data-testid="order-filter-q" />
          </Col>
          <Col xs={12} sm={12} lg={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('trade.fields.status')}
              value={filters.status}
              onChange={(v?: string) => setFilter('status', v)}
              options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`trade.status.${s}`) }))}
              data-testid="order-filter-status"
            />
          </Col>
          {!isDealerUser && (
            <Col xs={12} sm={12} lg={5}>
              <DealerSelect value={filters.dealerId ?? null} onChange={(id) => setFilter('dealerId', id)} />
            </Col>
          )}
          <Col xs={24} sm={12} lg={7}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
              onChange={(range) => {
                const next = new URLSearchParams(params);
                if (range?.[0] && range[1]) {
                  next.set('from', range[0].format('YYYY-MM-DD'));
                  next.set('to', range[1].format('YYYY-MM-DD'));
                } else {
                  next.delete('from');
                  next.delete('to');
                }
                setParams(next, { replace: true });
              }}
            />
          </Col>
          <Col xs={24} sm={12} lg={3}>
            <Button block icon={<ReloadOutlined />} disabled={!FILTER_KEYS.some((k) => params.get(k))} onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('common.reset')}
            </Button>
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <CursorTable<OrderSummary>
          query={list}
          rowKey="id"
          columns={columns}
          emptyText={t('trade.orders.empty')}
          rowClassName={() => 'qd-clickable-row'}
          onRow={(o) => ({ onClick: () => navigate(`/trade/orders/${o.id}`), 'data-testid': 'order-row', 'data-number': o.number }) as React.HTMLAttributes<HTMLElement>}
        />
      </Card>
    </div>
  );
}
