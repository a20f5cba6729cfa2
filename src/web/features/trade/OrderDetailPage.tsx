import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Row, Table, Timeline, Typography } from 'antd';
import { CarOutlined, CheckOutlined, CloseOutlined, InboxOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Order, OrderLine, OrderStatus, Shipment } from '../../../shared/schemas/orders.js';
import { useAccess } from '../../lib/access';
import { formatDate, formatDateTime, formatFen } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { Loading, QueryError } from '../../components/QueryState';
import { useOrder, useOrderEvents, useOrderShipments } from './api';
import { OrderStatusTag } from './labels';
import { ReturnModal, TransitionModal } from './OrderActionModals';
import { ShipmentModal } from './ShipmentModal';

function Actions({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [to, setTo] = useState<OrderStatus | null>(null);
  const [shipping, setShipping] = useState(false);
  const [returning, setReturning] = useState(false);
  const s = order.status;
  const move = (target: OrderStatus, icon: React.ReactNode, primary = false, danger = false) => (
    <Button key={target} type={primary ? 'primary' : 'default'} danger={danger} icon={icon} onClick={() => setTo(target)} data-testid={`action-${target}`}>
      {t(`trade.actions.${target}`)}
    </Button>
  );
  const buttons = [
    s === 'submitted' && can('orders.approve') && move('approved', <CheckOutlined />, true),
    (s === 'approved' || s === 'partially_shipped') && can('orders.ship') && (
      <Button key="ship" type="primary" icon={<CarOutlined />} onClick={() => setShipping(true)} data-testid="action-ship">
        {t('trade.actions.ship')}
      </Button>
    ),
    s === 'shipped' && (can('orders.approve') || can('orders.write')) && move('received', <InboxOutlined />, true),
    s === 'received' && can('orders.approve') && move('closed', <StopOutlined />),
    ['partially_shipped', 'shipped', 'received'].includes(s) && can('orders.approve') && (
      <Button key="return" icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="action-return">
        {t('trade.actions.return')}
      </Button>
    ),
    ((s === 'submitted' && (can('orders.approve') || can('orders.write'))) || (s === 'approved' && can('orders.approve'))) && move('cancelled', <CloseOutlined />, false, true),
  ].filter(Boolean);
  return (
    <>
      {buttons}
      <TransitionModal order={order} to={to} onClose={() => setTo(null)} />
      <ShipmentModal order={order} open={shipping} onClose={() => setShipping(false)} />
      <ReturnModal order={order} open={returning} onClose={() => setReturning(false)} />
    </>
  );
}

function Lines({ order }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <Table<OrderLine>
      size="small"
      rowKey="lineNo"
      dataSource={order.lines}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="order-lines"
      columns={[
        { title: t('trade.fields.sku'), dataIndex: 'sku' },
        { title: t('trade.fields.product'), dataIndex: 'productName' },
        { title: t('trade.fields.quantity'), dataIndex: 'quantity', align: 'right' },
        { title: t('trade.fields.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (v: number) => formatFen(v) },
        { title: t('trade.fields.discount'), dataIndex: 'discountFen', align: 'right', render: (v: number) => formatFen(v) },
        { title: t('trade.fields.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
        { title: t('trade.fields.shippedQty'), dataIndex: 'shippedQuantity', align: 'right' },
        { title: t('trade.fields.returnedQty'), dataIndex: 'returnedQuantity', align: 'right' },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={4}>
            <Typography.Text strong>{t('trade.fields.total')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            {formatFen(order.discountFen)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">
            <Typography.Text strong>{formatFen(order.totalFen)}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={6} colSpan={2} />
        </Table.Summary.Row>
      )}
    />
  );
}

function Shipments({ id }: { id: string }) {
  const { t } = useTranslation();
  const shipments = useOrderShipments(id);
  return (
    <Table<Shipment>
      size="small"
      rowKey="id"
      loading={shipments.isLoading}
      dataSource={shipments.data?.items ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trade.ship.none')} /> }}
      data-testid="order-shipments"
      columns={[
        { title: t('trade.ship.number'), dataIndex: 'number' },
        { title: t('trade.ship.date'), dataIndex: 'shippedOn', render: (v: string) => formatDate(v) },
        { title: t('trade.fields.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
        { title: t('trade.ship.lines'), key: 'lines', render: (_, s) => s.lines.map((l) => `${l.sku} × ${l.quantity}${l.batchNo ? ` (${t('trade.ship.batchNo')} ${l.batchNo})` : ''}`).join('; ') },
        { title: t('trade.ship.codes'), dataIndex: 'codeCount', align: 'right' },
        { title: t('trade.ship.invoice'), key: 'invoice', render: (_, s) => `${s.invoice.docNo} · ${t('trade.ship.due')} ${formatDate(s.invoice.dueOn)}` },
      ]}
    />
  );
}

export default function OrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useOrder(id);
  const events = useOrderEvents(id);
  if (order.isLoading) return <Loading />;
  if (order.isError || !order.data) return <QueryError error={order.error} onRetry={() => void order.refetch()} backTo={{ path: '/trade/orders', label: t('trade.menu.orders') }} />;
  const o = order.data;
  return (
    <div data-testid="order-detail-page">
      <PageHeader
        title={
          <span>
            {o.number} <OrderStatusTag status={o.status} />
          </span>
        }
        sub={`${o.dealerCode} · ${o.dealerName}`}
        extra={<Actions order={o} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('trade.detail.summary')}>
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                { key: 'date', label: t('trade.fields.orderDate'), children: formatDate(o.orderDate) },
                { key: 'subtotal', label: t('trade.fields.subtotal'), children: formatFen(o.subtotalFen) },
                { key: 'discount', label: t('trade.fields.discount'), children: formatFen(o.discountFen) },
                { key: 'total', label: t('trade.fields.total'), children: <span data-testid="order-total">{formatFen(o.totalFen)}</span> },
                { key: 'shipped', label: t('trade.fields.shipped'), children: formatFen(o.shippedFen) },
                { key: 'by', label: t('trade.fields.createdBy'), children: o.createdBy },
                ...(o.creditOverrideReason ? [{ key: 'override', label: t('trade.detail.override'), children: o.creditOverrideReason }] : []),
                ...(o.note ? [{ key: 'note', label: t('trade.fields.note'), children: o.note }] : []),
              ]}
            />
          </Card>
          <Card size="small" title={t('trade.entry.lines')} style={{ marginTop: 16 }}>
            <Lines order={o} />
          </Card>
          <Card size="small" title={t('trade.detail.shipments')} style={{ marginTop: 16 }}>
            <Shipments id={id} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('trade.detail.timeline')}>
            <Timeline
              data-testid="order-timeline"
              items={(events.data?.items ?? []).map((e) => ({
                color: e.toStatus === 'cancelled' ? 'red' : 'blue',
                content: (
                  <div data-testid="order-event">
                    <Typography.Text strong>{t(`trade.status.${e.toStatus}`)}</Typography.Text>
                    <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
                      {formatDateTime(e.at)} · {e.actorName}
                    </div>
                    {e.reason && <div>{/^shipment (\S+)$/.test(e.reason) ? t('trade.detail.shipmentEvent', { number: e.reason.slice(9) }) : e.reason}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
