import { useMemo, useSyncExternalStore } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, Grid, Input, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ORDER_STATUSES, type OrderStatus, type OrderSummary } from '../../../shared/schemas/orders.js';
import { useAccess } from '../../lib/access';
import { ApiError } from '../../lib/api';
import { formatDate, formatDateTime, formatFen } from '../../lib/format';
import { confirmDraft, discardDraft, dismissSent, draftSnapshot, sendDraft, subscribeDrafts, subscribeOnline, type OrderDraft } from '../../lib/offline-orders';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { DealerSelect } from '../dealers/DealerSelect';
import { tradeKeys } from './api';
import { OrderStatusTag, TradeError } from './labels';

const FILTER_KEYS = ['q', 'status', 'dealerId', 'from', 'to'] as const;

const DRAFT_TAG = { pending: 'warning', sending: 'processing', confirm: 'gold', failed: 'error' } as const;

/** Orders written offline (lib/offline-orders.ts), above the list: 待发送 until the server has them. */
/** One figure of a draft as the dealer saw it and as it is now, bold when it changed. */
function CompareRow({ label, then, now, changed, testId }: { label: string; then: number; now: number; changed: boolean; testId: string }) {
  return (
    <tr style={{ fontWeight: changed ? 600 : 400 }}>
      <td>{label}</td>
      <td style={{ textAlign: 'right' }} data-testid={`draft-then-${testId}`}>
        {formatFen(then)}
      </td>
      <td style={{ textAlign: 'right' }} data-testid={`draft-now-${testId}`}>
        {formatFen(now)}
      </td>
    </tr>
  );
}

function OfflineDrafts({ userId }: { userId: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  const snapshot = useSyncExternalStore(subscribeDrafts, draftSnapshot);
  const { sending, sent } = snapshot;
  const drafts = snapshot.drafts.filter((d) => d.userId === userId);
  if (drafts.length === 0 && sent.length === 0 && online) return null;
  const stateOf = (d: OrderDraft) => (sending.has(d.idempotencyKey) ? 'sending' : d.state);
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%', marginBottom: 16 }} data-testid="order-drafts">
      {!online && <Alert type="warning" showIcon title={t('trade.offline.listTitle')} description={t('trade.offline.listHelp')} data-testid="orders-offline" />}
      {sent.map((s) => (
        <Alert
          key={s.key}
          type="success"
          showIcon
          closable={{ onClose: () => dismissSent(s.key) }}
          title={t('trade.drafts.sent', { number: s.number })}
          action={
            <Button size="small" type="link" onClick={() => navigate(`/trade/orders/${s.orderId}`)}>
              {t('trade.drafts.open')}
            </Button>
          }
          data-testid="draft-sent"
        />
      ))}
      {drafts.map((d) => {
        const state = stateOf(d);
        return (
          <Card key={d.idempotencyKey} size="small" data-testid="draft-row" data-key={d.idempotencyKey} data-state={state}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Space size={4} wrap>
                <Tag color={DRAFT_TAG[state]} data-testid="draft-state">
                  {t(`trade.drafts.state.${state}`)}
                </Tag>
                <Typography.Text type="secondary">{formatDateTime(d.createdAt)}</Typography.Text>
              </Space>
              <Typography.Text strong data-testid="draft-total">
                {formatFen(d.seen.totalFen)}
              </Typography.Text>
            </Flex>
            <div style={{ marginTop: 4 }}>
              {d.lines.map((l) => (
                <div key={l.sku}>
                  <Typography.Text>
                    {l.productName !== l.sku ? `${l.sku} · ${l.productName}` : l.sku} × {l.quantity}
                  </Typography.Text>
                </div>
              ))}
            </div>
            {d.seen.estimated && state !== 'confirm' && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('trade.drafts.estimated')}
              </Typography.Text>
            )}
            {state === 'confirm' && d.now && (
              <div style={{ marginTop: 8 }} data-testid="draft-changes">
                <Typography.Text type="warning">{t('trade.drafts.changed')}</Typography.Text>
                <table style={{ width: '100%', marginTop: 4, borderCollapse: 'collapse' }}>
                  <thead>
                    <tr>
                      <th />
                      <th style={{ textAlign: 'right', fontWeight: 400 }}>{t('trade.drafts.then')}</th>
                      <th style={{ textAlign: 'right', fontWeight: 400 }}>{t('trade.drafts.now')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <CompareRow label={t('trade.fields.total')} then={d.seen.totalFen} now={d.now.totalFen} changed={d.now.changed.includes('total')} testId="total" />
                    <CompareRow label={t('trade.credit.available')} then={d.seen.availableCreditFen} now={d.now.availableCreditFen} changed={d.now.changed.includes('credit')} testId="credit" />
                  </tbody>
                </table>
              </div>
            )}
            {d.error && d.error.status !== 0 && (
              <div style={{ marginTop: 8 }}>
                <TradeError error={new ApiError(d.error.status, d.error.problem, d.error.message)} testId="draft-error" />
              </div>
            )}
            <Flex gap={8} justify="flex-end" wrap style={{ marginTop: 8 }}>
              <Popconfirm title={t('trade.drafts.discardConfirm')} onConfirm={() => discardDraft(d.idempotencyKey)} okText={t('trade.drafts.discard')} cancelText={t('common.cancel')}>
                <Button icon={<DeleteOutlined />} danger disabled={state === 'sending'} data-testid="draft-discard">
                  {t('trade.drafts.discard')}
                </Button>
              </Popconfirm>
              {state === 'confirm' ? (
                <Button type="primary" icon={<CloudUploadOutlined />} disabled={!online} onClick={() => void confirmDraft(d.idempotencyKey)} data-testid="draft-confirm">
                  {t('trade.drafts.confirm')}
                </Button>
              ) : (
                <Button type="primary" icon={<CloudUploadOutlined />} disabled={!online} loading={state === 'sending'} onClick={() => void sendDraft(d.idempotencyKey)} data-testid="draft-send">
                  {t('trade.drafts.send')}
                </Button>
              )}
            </Flex>
          </Card>
        );
      })}
    </Space>
  );
}

export default function OrderListPage() {
  const { t } = useTranslation();
  const { can, isDealerUser, user } = useAccess();
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
      <OfflineDrafts userId={user?.id} />
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
