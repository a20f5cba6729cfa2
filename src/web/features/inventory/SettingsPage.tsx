import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LeadTime, StockHealthSettings } from '../../../shared/schemas/index.js';
import { PageHeader } from '../../components/PageHeader';
import { QueryError, Loading } from '../../components/QueryState';
import { useAccess } from '../../lib/access';
import { errorTitle } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { DealerSelect } from '../dealers/DealerSelect';
import { useCategories } from '../products/api';
import { SkuSelect } from '../trade/SkuSelect';
import { useLeadTimes, useSaveLeadTime, useSaveSettings, useStockHealthSettings } from './api';

/** Lead times: the product-wide value and per-dealer overrides; add, change or remove. */
function LeadTimes({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const list = useLeadTimes();
  const save = useSaveLeadTime();
  const [draft, setDraft] = useState<{ sku?: string; dealerId: string | null; days: number | null; sdDays: number | null }>({ dealerId: null, days: null, sdDays: 0 });
  return (
    <Card size="small" title={t('inventory.settings.leadTimes')}>
      <Typography.Paragraph type="secondary">{t('inventory.settings.leadTimesHelp')}</Typography.Paragraph>
      {save.error && <Alert type="error" showIcon title={errorTitle(t, save.error)} style={{ marginBottom: 12 }} />}
      {editable && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <div style={{ width: 260 }}>
            <SkuSelect value={draft.sku} onChange={(sku) => setDraft({ ...draft, sku })} />
          </div>
          <div style={{ width: 240 }}>
            <DealerSelect value={draft.dealerId} onChange={(dealerId) => setDraft({ ...draft, dealerId })} placeholder={t('inventory.settings.allDealers')} />
          </div>
          <InputNumber<number> min={0} max={365} placeholder={t('inventory.settings.days')} value={draft.days} onChange={(days) => setDraft({ ...draft, days })} />
          <InputNumber<number> min={0} max={365} placeholder={t('inventory.settings.sdDays')} value={draft.sdDays} onChange={(sdDays) => setDraft({ ...draft, sdDays })} />
          <Button
            icon={<PlusOutlined />}
            disabled={!draft.sku || draft.days === null}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { sku: draft.sku!, dealerId: draft.dealerId ?? undefined, days: draft.days, sdDays: draft.sdDays ?? 0 },
                { onSuccess: () => setDraft({ dealerId: null, days: null, sdDays: 0 }) },
              )
            }
          >
            {t('inventory.settings.setLeadTime')}
          </Button>
        </Flex>
      )}
      <Table<LeadTime>
        size="small"
        loading={list.isLoading}
        rowKey={(l) => `${l.sku}|${l.dealerId ?? ''}`}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('inventory.fields.sku'), key: 'sku', render: (_, l) => `${l.sku} · ${l.productName}` },
          { title: t('inventory.fields.dealer'), key: 'dealer', render: (_, l) => (l.dealerId ? `${l.dealerCode} · ${l.dealerName}` : t('inventory.settings.allDealers')) },
          { title: t('inventory.settings.days'), dataIndex: 'days', align: 'right' },
          { title: t('inventory.settings.sdDays'), dataIndex: 'sdDays', align: 'right' },
          { title: t('inventory.settings.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'x',
                  render: (_: unknown, l: LeadTime) => (
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => save.mutate({ sku: l.sku, dealerId: l.dealerId ?? undefined, days: null })} />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** Demand window, order cycle, default lead time and service levels per category (C5). */
export default function SettingsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const editable = can('inventory.configure');
  const settings = useStockHealthSettings();
  const save = useSaveSettings();
  const categories = useCategories();
  const [form] = Form.useForm<StockHealthSettings>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  if (settings.isLoading) return <Loading />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <div data-testid="inventory-settings-page">
      <PageHeader title={t('inventory.menu.settings')} sub={t('inventory.settings.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('inventory.settings.parameters')}>
            {save.error && <Alert type="error" showIcon title={errorTitle(t, save.error)} style={{ marginBottom: 12 }} />}
            <Form form={form} layout="vertical" disabled={!editable} onFinish={(values) => save.mutate({ ...values, serviceLevels: values.serviceLevels ?? [] })}>
              <Form.Item name="windowDays" label={t('inventory.settings.windowDays')} extra={t('inventory.settings.windowHelp')} rules={[{ required: true }]}>
                <InputNumber min={7} max={365} precision={0} />
              </Form.Item>
              <Form.Item name="orderCycleDays" label={t('inventory.settings.orderCycleDays')} extra={t('inventory.settings.cycleHelp')} rules={[{ required: true }]}>
                <InputNumber min={0} max={365} precision={0} />
              </Form.Item>
              <Space>
                <Form.Item name="defaultLeadTimeDays" label={t('inventory.settings.defaultLeadTime')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={365} />
                </Form.Item>
                <Form.Item name="defaultLeadTimeSdDays" label={t('inventory.settings.defaultLeadTimeSd')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={365} />
                </Form.Item>
              </Space>
              <Form.Item name="defaultServiceLevel" label={t('inventory.settings.defaultServiceLevel')} rules={[{ required: true }]}>
                <InputNumber min={0.5} max={0.9999} step={0.01} />
              </Form.Item>
              <Form.Item name="slowDays" label={t('inventory.settings.slowDays')} extra={t('inventory.settings.slowHelp')} rules={[{ required: true }]}>
                <InputNumber min={7} max={730} precision={0} />
              </Form.Item>
              <Typography.Text strong>{t('inventory.settings.serviceLevels')}</Typography.Text>
              <Form.List name="serviceLevels">
                {(fields, { add, remove }) => (
                  <div style={{ marginTop: 8 }}>
                    {fields.map((field) => (
                      <Flex key={field.key} gap={8} align="baseline">
                        <Form.Item name={[field.name, 'category']} rules={[{ required: true }]} style={{ flex: 1 }}>
                          <Select options={(categories.data ?? []).map((c) => ({ value: c, label: c }))} placeholder={t('inventory.filters.category')} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'serviceLevel']} rules={[{ required: true }]}>
                          <InputNumber min={0.5} max={0.9999} step={0.01} />
                        </Form.Item>
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                      </Flex>
                    ))}
                    <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ serviceLevel: 0.95 })}>
                      {t('inventory.settings.addServiceLevel')}
                    </Button>
                  </div>
                )}
              </Form.List>
              {editable && (
                <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>
                  {t('common.save')}
                </Button>
              )}
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <LeadTimes editable={editable} />
        </Col>
      </Row>
    </div>
  );
}
