import { useState } from 'react';
import { Alert, Button, Card, Flex, Select, Tabs, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TransferOrder, TransferPlanSummary } from '../../../shared/schemas/index.js';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { RegionTag } from '../../components/RegionName';
import { Loading, QueryError } from '../../components/QueryState';
import { useAccess } from '../../lib/access';
import { errorTitle } from '../../lib/errors';
import { formatDateTime, formatFen } from '../../lib/format';
import { useProductSearch } from '../products/api';
import { replenishmentKeys, useCreatePlan, usePlan } from './api';
import { PlanResult, PlanStatusTag } from './PlanResult';
import { TransferRulesPanel } from './TransferRulesPanel';

/** The transfer planner (调拨): choose region and SKU, solve, compare with greedy, approve, execute. */
export default function TransferPlannerPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [sku, setSku] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const products = useProductSearch(search);
  const create = useCreatePlan();
  const plan = usePlan(selected);
  const plans = useCursorList<TransferPlanSummary>([...replenishmentKeys.plans, 'list'], '/transfers/plans', {});
  const orders = useCursorList<TransferOrder>([...replenishmentKeys.orders, 'list'], '/transfers/orders', {});

  const planner = (
    <>
      {can('transfers.plan') && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={12} wrap align="center">
            <RegionPicker
              value={regionCode ?? null}
              onChange={(c) => setRegionCode(c ?? undefined)}
              allowClear
              placeholder={t('replenishment.planner.region')}
              style={{ width: 240 }}
              data-testid="planner-region"
            />
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              allowClear
              value={sku}
              onChange={setSku}
              placeholder={t('replenishment.planner.sku')}
              style={{ width: 280 }}
              options={(products.data?.items ?? []).map((p) => ({ value: p.sku, label: `${p.sku} · ${p.name}` }))}
              data-testid="planner-sku"
            />
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              loading={create.isPending}
              data-testid="planner-run"
              onClick={() => create.mutate({ regionCode, sku }, { onSuccess: (p) => setSelected(p.id) })}
            >
              {t('replenishment.planner.run')}
            </Button>
            <Typography.Text type="secondary">{t('replenishment.planner.hint')}</Typography.Text>
          </Flex>
          {create.error && <Alert type="error" showIcon title={errorTitle(t, create.error)} style={{ marginTop: 12 }} />}
        </Card>
      )}
      {selected && (plan.isLoading ? <Loading /> : plan.isError ? <QueryError error={plan.error} onRetry={() => void plan.refetch()} /> : plan.data && <PlanResult plan={plan.data} />)}
      <Card size="small" title={t('replenishment.planner.history')} style={{ marginTop: 16 }} extra={<ExportButton path="/transfers/plans" filename="transfer-plans" />}>
        <CursorTable<TransferPlanSummary>
          query={plans}
          rowKey="id"
          emptyText={t('replenishment.planner.noPlans')}
          onRow={(p) => ({ onClick: () => setSelected(p.id), style: { cursor: 'pointer', background: p.id === selected ? '#e6f4ff' : undefined } })}
          columns={[
            { title: t('replenishment.fields.planNumber'), dataIndex: 'number' },
            { title: t('replenishment.fields.status'), dataIndex: 'status', render: (s: TransferPlanSummary['status']) => <PlanStatusTag status={s} /> },
            { title: t('replenishment.fields.region'), dataIndex: 'regionCode', render: (c: string | null) => (c ? <RegionTag code={c} /> : t('replenishment.planner.allRegions')) },
            { title: t('replenishment.fields.sku'), dataIndex: 'sku', render: (s: string | null) => s ?? t('replenishment.planner.allSkus') },
            { title: t('replenishment.fields.quantity'), dataIndex: 'totalQuantity', align: 'right' },
            { title: t('replenishment.plan.lpCost'), dataIndex: 'totalCostFen', align: 'right', render: (v: number) => formatFen(v) },
            { title: t('replenishment.plan.greedyCost'), key: 'greedy', align: 'right', render: (_, p) => formatFen(p.greedy.totalCostFen) },
            { title: t('replenishment.fields.createdBy'), dataIndex: 'createdBy' },
            { title: t('replenishment.fields.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </>
  );

  const transferOrders = (
    <Card size="small" extra={<ExportButton path="/transfers/orders" filename="transfer-orders" />}>
      <CursorTable<TransferOrder>
        query={orders}
        rowKey="id"
        emptyText={t('replenishment.orders.empty')}
        columns={[
          { title: t('replenishment.fields.orderNumber'), dataIndex: 'number' },
          { title: t('replenishment.fields.planNumber'), dataIndex: 'planNumber' },
          { title: t('replenishment.fields.from'), dataIndex: 'fromDealerName' },
          { title: t('replenishment.fields.to'), dataIndex: 'toDealerName' },
          { title: t('replenishment.fields.sku'), dataIndex: 'sku' },
          { title: t('replenishment.fields.quantity'), dataIndex: 'quantity', align: 'right' },
          { title: t('replenishment.fields.cost'), dataIndex: 'costFen', align: 'right', render: (v: number) => formatFen(v) },
          { title: t('replenishment.fields.executedAt'), dataIndex: 'executedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );

  return (
    <div data-testid="transfer-planner-page">
      <PageHeader title={t('replenishment.menu.transfers')} sub={t('replenishment.planner.subtitle')} />
      <Tabs
        items={[
          { key: 'plans', label: t('replenishment.tabs.plans'), children: planner },
          { key: 'orders', label: t('replenishment.tabs.orders'), children: transferOrders },
          { key: 'rules', label: t('replenishment.tabs.rules'), children: <TransferRulesPanel /> },
        ]}
      />
    </div>
  );
}
