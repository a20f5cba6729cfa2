// HQ points desk: catalogue with stock, redemptions to decide, manual grants/deductions, a dealer's
// ledger, and the quarter-end expiry run.
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PointsCatalogItem, Redemption } from '../../../shared/schemas/points.js';
import { useAccess } from '../../lib/access';
import { formatDate, formatDateTime } from '../../lib/format';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { DealerSelect } from '../dealers/DealerSelect';
import { useCatalog, useIncentiveMutation, usePatchCatalog, usePointsAccount, useRedemptions } from './api';

const CATEGORIES = ['equipment', 'advertising', 'training', 'other'] as const;
const STATUS_COLOR: Record<string, string> = { pending: 'orange', approved: 'blue', fulfilled: 'green', rejected: 'default' };

export default function PointsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { message } = App.useApp();
  const manage = can('points.manage');
  const catalog = useCatalog();
  const patch = usePatchCatalog();
  const addItem = useIncentiveMutation<{ name: string; category: string; points: number; stock: number }>('/points/catalog');
  const [status, setStatus] = useState<string | undefined>('pending');
  const filters = useMemo(() => ({ status }), [status]);
  const redemptions = useRedemptions(filters);
  const decide = useIncentiveMutation<{ id: string; to: 'approved' | 'fulfilled' | 'rejected' }>((b) => `/points/redemptions/${b.id}/transitions`);
  const [dealerId, setDealerId] = useState<string | null>(null);
  const account = usePointsAccount(dealerId ?? undefined);
  const grant = useIncentiveMutation<{ dealerId: string; points: number; reason: string }>('/points/entries');
  const expiry = useIncentiveMutation<{ asOf: string }, { dealers: number; expiredPoints: number }>('/points/expiry-runs');
  const [asOf, setAsOf] = useState(
    dayjs()
      .month(Math.floor(dayjs().month() / 3) * 3)
      .startOf('month'),
  );

  const catalogTab = (
    <>
      {manage && (
        <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }} onFinish={(v) => addItem.mutate(v, { onSuccess: () => void message.success(t('common.saved', { defaultValue: 'OK' })) })}>
          <Form.Item name="name" rules={[{ required: true }]}>
            <Input placeholder={t('incentives.points.itemName')} />
          </Form.Item>
          <Form.Item name="category" initialValue="equipment">
            <Select style={{ width: 120 }} options={CATEGORIES.map((c) => ({ value: c, label: t(`incentives.category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="points" rules={[{ required: true }]}>
            <InputNumber min={1} placeholder={t('incentives.points.cost')} />
          </Form.Item>
          <Form.Item name="stock" rules={[{ required: true }]}>
            <InputNumber min={0} placeholder={t('incentives.points.stock')} />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={addItem.isPending}>
            {t('incentives.points.addItem')}
          </Button>
        </Form>
      )}
      <Table<PointsCatalogItem>
        size="small"
        rowKey="id"
        dataSource={catalog.data?.items ?? []}
        loading={catalog.isLoading}
        pagination={false}
        columns={[
          { title: t('incentives.points.itemName'), dataIndex: 'name' },
          { title: t('incentives.points.category'), dataIndex: 'category', render: (c: string) => t(`incentives.category.${c}`) },
          { title: t('incentives.points.cost'), dataIndex: 'points', align: 'right' },
          {
            title: t('incentives.points.stock'),
            align: 'right',
            render: (_, c) =>
              manage ? (
                <InputNumber size="small" min={0} defaultValue={c.stock} onBlur={(e) => Number(e.target.value) !== c.stock && patch.mutate({ id: c.id, stock: Number(e.target.value) })} />
              ) : (
                c.stock
              ),
          },
          {
            title: t('incentives.points.active'),
            render: (_, c) =>
              manage ? (
                <Button size="small" onClick={() => patch.mutate({ id: c.id, active: !c.active })}>
                  {c.active ? t('incentives.points.withdraw') : t('incentives.points.list')}
                </Button>
              ) : c.active ? (
                '✓'
              ) : (
                ''
              ),
          },
        ]}
      />
    </>
  );

  const redemptionTab = (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          placeholder={t('incentives.col.status')}
          options={['pending', 'approved', 'fulfilled', 'rejected'].map((s) => ({ value: s, label: t(`incentives.redemption.${s}`) }))}
        />
        <ExportButton path="/points/redemptions" params={filters} filename="redemptions" />
      </Space>
      <CursorTable<Redemption>
        query={redemptions}
        rowKey="id"
        columns={[
          { title: t('incentives.col.date'), render: (_, r) => formatDateTime(r.createdAt) },
          { title: t('incentives.col.dealer'), dataIndex: 'dealerName' },
          { title: t('incentives.points.itemName'), dataIndex: 'itemName' },
          { title: t('incentives.points.quantity'), dataIndex: 'quantity', align: 'right' },
          { title: t('incentives.points.pointsCol'), dataIndex: 'points', align: 'right' },
          { title: t('incentives.col.status'), render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`incentives.redemption.${r.status}`)}</Tag> },
          {
            title: t('incentives.col.actions'),
            render: (_, r) =>
              manage && (
                <Space size={4}>
                  {r.status === 'pending' && (
                    <Button size="small" type="primary" onClick={() => decide.mutate({ id: r.id, to: 'approved' })}>
                      {t('incentives.points.approve')}
                    </Button>
                  )}
                  {r.status === 'approved' && (
                    <Button size="small" type="primary" onClick={() => decide.mutate({ id: r.id, to: 'fulfilled' })}>
                      {t('incentives.points.fulfil')}
                    </Button>
                  )}
                  {(r.status === 'pending' || r.status === 'approved') && (
                    <Button size="small" danger onClick={() => decide.mutate({ id: r.id, to: 'rejected' })}>
                      {t('incentives.points.reject')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
    </>
  );

  const ledgerTab = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <DealerSelect value={dealerId} onChange={setDealerId} placeholder={t('incentives.my.pickDealer')} data-testid="points-dealer" />
        {manage && dealerId && (
          <Form layout="vertical" style={{ marginTop: 12 }} onFinish={(v) => grant.mutate({ dealerId, points: v.points, reason: v.reason })}>
            <Form.Item name="points" label={t('incentives.points.grantPoints')} rules={[{ required: true }]}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="reason" label={t('incentives.points.reason')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Button htmlType="submit" loading={grant.isPending}>
              {t('incentives.points.grant')}
            </Button>
          </Form>
        )}
        {manage && (
          <Card size="small" title={t('incentives.points.expiryRun')} style={{ marginTop: 16 }}>
            <Space wrap>
              <DatePicker value={asOf} onChange={(d) => d && setAsOf(d)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              <Button
                danger
                loading={expiry.isPending}
                onClick={() => expiry.mutate({ asOf: asOf.format('YYYY-MM-DD') }, { onSuccess: (r) => void message.success(t('incentives.points.expired', r)) })}
              >
                {t('incentives.points.runExpiry')}
              </Button>
            </Space>
          </Card>
        )}
      </Col>
      <Col xs={24} lg={14}>
        {account.data && (
          <Table
            size="small"
            rowKey="id"
            title={() => (
              <strong>
                {t('incentives.my.balance')}: {account.data.balance}
              </strong>
            )}
            dataSource={account.data.entries}
            pagination={{ pageSize: 15 }}
            columns={[
              { title: t('incentives.col.date'), render: (_, e) => formatDate(e.createdAt) },
              { title: t('incentives.col.kind'), render: (_, e) => t(`incentives.pointKind.${e.kind}`) },
              { title: t('incentives.points.reason'), dataIndex: 'reason' },
              { title: t('incentives.points.pointsCol'), dataIndex: 'points', align: 'right' },
              { title: t('incentives.points.expiresAt'), dataIndex: 'expiresAt' },
            ]}
          />
        )}
      </Col>
    </Row>
  );

  return (
    <div data-testid="points-page">
      <PageHeader title={t('incentives.menu.points')} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'redemptions', label: t('incentives.points.redemptions'), children: redemptionTab },
            { key: 'catalog', label: t('incentives.points.catalog'), children: catalogTab },
            { key: 'ledger', label: t('incentives.points.ledger'), children: ledgerTab },
          ]}
        />
      </Card>
    </div>
  );
}
