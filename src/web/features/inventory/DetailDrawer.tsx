import { Descriptions, Drawer, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';
import { QueryError, Loading } from '../../components/QueryState';
import { formatDateTime, formatFen } from '../../lib/format';
import { useHealthDetail } from './api';
import { LevelTag, fixed } from './labels';

/**
 * One dealer x SKU: the C5 formula with its inputs filled in, and every row the inputs come from
 * (daily sell-out of the window, stock movements, open orders), so each number can be traced.
 */
export function DetailDrawer({ dealerId, sku, onClose }: { dealerId: string | null; sku: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useHealthDetail(dealerId, sku);
  const d = q.data;
  return (
    <Drawer open={!!dealerId && !!sku} onClose={onClose} size="large" title={d ? `${d.item.dealerName} · ${d.item.sku} ${d.item.productName}` : t('inventory.detail.title')} destroyOnHidden>
      {q.isLoading && <Loading />}
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {d && (
        <div data-testid="health-detail">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('inventory.fields.level')}>
              <LevelTag level={d.item.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.window')}>{`${d.window.from} ~ ${d.window.to} (${t('inventory.days', { count: d.window.days })})`}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.onHand')}>{d.item.onHand}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.onOrder')}>{d.item.onOrder}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.dailyDemand')}>{fixed(d.item.dailyDemand, 3)}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.dailyDemandSd')}>{fixed(d.item.dailyDemandSd, 3)}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.leadTime')}>{`${d.item.leadTimeDays} ± ${d.item.leadTimeSdDays} (${t(`inventory.leadSource.${d.item.leadTimeSource}`)})`}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.serviceLevel')}>{`${(d.item.serviceLevel * 100).toFixed(1)}% (z = ${fixed(d.item.z, 3)})`}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.safetyStock')} span={2}>
              <Typography.Text
                code
              >{`SS = z × √(L × s_d² + d² × s_L²) = ${fixed(d.item.z, 3)} × √(${d.item.leadTimeDays} × ${fixed(d.item.dailyDemandSd, 3)}² + ${fixed(d.item.dailyDemand, 3)}² × ${d.item.leadTimeSdDays}²) = ${fixed(d.exact.safetyStock)} → ${d.item.safetyStock}`}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.reorderPoint')} span={2}>
              <Typography.Text
                code
              >{`ROP = d × L + SS = ${fixed(d.item.dailyDemand, 3)} × ${d.item.leadTimeDays} + ${fixed(d.exact.safetyStock)} = ${fixed(d.exact.reorderPoint)} → ${d.item.reorderPoint}`}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.orderUpTo')} span={2}>
              <Typography.Text code>{`Max = ROP + d × ${d.orderCycleDays} = ${fixed(d.exact.orderUpTo)} → ${d.item.orderUpTo}`}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.turnoverDays')}>{fixed(d.item.turnoverDays, 1)}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.stockValue')}>{formatFen(d.item.inventoryValueFen)}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.suggested')}>{d.item.suggestedQuantity}</Descriptions.Item>
            <Descriptions.Item label={t('inventory.fields.lastSale')}>{d.item.lastSaleOn ?? '-'}</Descriptions.Item>
          </Descriptions>
          <Tabs
            style={{ marginTop: 16 }}
            items={[
              {
                key: 'daily',
                label: t('inventory.detail.daily'),
                children: (
                  <EChart
                    height={220}
                    testId="daily-demand-chart"
                    option={{
                      tooltip: { trigger: 'axis' },
                      grid: { left: 40, right: 16, top: 16, bottom: 30 },
                      xAxis: { type: 'category', data: d.daily.map((x) => x.date.slice(5)) },
                      yAxis: { type: 'value', minInterval: 1 },
                      series: [{ type: 'bar', name: t('inventory.fields.quantity'), data: d.daily.map((x) => x.quantity), itemStyle: { color: '#1677ff' } }],
                    }}
                  />
                ),
              },
              {
                key: 'sellout',
                label: `${t('inventory.detail.sellout')} (${d.sellout.length})`,
                children: (
                  <Table
                    size="small"
                    rowKey="id"
                    dataSource={d.sellout}
                    pagination={{ pageSize: 10 }}
                    columns={[
                      { title: t('inventory.fields.date'), dataIndex: 'date' },
                      { title: t('inventory.fields.quantity'), dataIndex: 'quantity', align: 'right' },
                      { title: t('inventory.fields.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
                      { title: t('inventory.fields.source'), dataIndex: 'source' },
                      { title: t('inventory.fields.customer'), dataIndex: 'customerRef', render: (v: string | null) => v ?? '-' },
                    ]}
                  />
                ),
              },
              {
                key: 'movements',
                label: `${t('inventory.detail.movements')} (${d.movements.length})`,
                children: (
                  <Table
                    size="small"
                    rowKey="id"
                    dataSource={d.movements}
                    pagination={{ pageSize: 10 }}
                    columns={[
                      { title: t('inventory.fields.at'), dataIndex: 'movedAt', render: (v: string) => formatDateTime(v) },
                      { title: t('inventory.fields.kind'), dataIndex: 'kind', render: (v: string) => t(`inventory.kind.${v}`, { defaultValue: v }) },
                      { title: t('inventory.fields.quantity'), dataIndex: 'quantity', align: 'right' },
                      { title: t('inventory.fields.reference'), key: 'ref', render: (_: unknown, m) => (m.refType ? `${m.refType}:${m.refId}` : '-') },
                    ]}
                  />
                ),
              },
              {
                key: 'orders',
                label: `${t('inventory.detail.openOrders')} (${d.openOrders.length})`,
                children: (
                  <Table
                    size="small"
                    rowKey="orderId"
                    dataSource={d.openOrders}
                    pagination={false}
                    columns={[
                      { title: t('inventory.fields.orderNumber'), dataIndex: 'number' },
                      { title: t('inventory.fields.status'), dataIndex: 'status', render: (v: string) => t(`trade.status.${v}`, { defaultValue: v }) },
                      { title: t('inventory.fields.quantity'), dataIndex: 'quantity', align: 'right' },
                    ]}
                  />
                ),
              },
            ]}
          />
        </div>
      )}
    </Drawer>
  );
}
