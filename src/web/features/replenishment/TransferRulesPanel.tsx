import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TransferCost, TransferSettings } from '../../../shared/schemas/index.js';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { MoneyInput } from '../../components/MoneyInput';
import { RegionPicker } from '../../components/RegionPicker';
import { RegionTag } from '../../components/RegionName';
import { useAccess } from '../../lib/access';
import { errorTitle } from '../../lib/errors';
import { formatFen } from '../../lib/format';
import { replenishmentKeys, useCreateCost, useDeleteCost, useSaveTransferSettings, useTransferSettings } from './api';

const BOUNDS: TransferSettings['exclusiveBoundLevel'][] = ['province', 'city', 'county'];

/** The exclusive-territory rule, the distance price and the cost table the planner uses. */
export function TransferRulesPanel() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const editable = can('transfers.configure');
  const settings = useTransferSettings();
  const save = useSaveTransferSettings();
  const [draft, setDraft] = useState<TransferSettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const costs = useCursorList<TransferCost>([...replenishmentKeys.costs, 'list'], '/transfers/costs', {});
  const create = useCreateCost();
  const remove = useDeleteCost();
  const [form] = Form.useForm<{ fromRegionCode: string; toRegionCode: string; unitCostFen: number; note?: string }>();

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9}>
        <Card size="small" title={t('replenishment.rules.title')}>
          <Typography.Paragraph type="secondary">{t('replenishment.rules.exclusiveHelp')}</Typography.Paragraph>
          {draft && (
            <Form layout="vertical" disabled={!editable}>
              <Form.Item label={t('replenishment.rules.bound')}>
                <Select
                  value={draft.exclusiveBoundLevel}
                  onChange={(v) => setDraft({ ...draft, exclusiveBoundLevel: v })}
                  options={BOUNDS.map((b) => ({ value: b, label: t(`replenishment.bound.${b}`) }))}
                />
              </Form.Item>
              <Form.Item label={t('replenishment.rules.base')} extra={t('replenishment.rules.baseHelp')}>
                <MoneyInput value={draft.costBaseFen} onChange={(v) => setDraft({ ...draft, costBaseFen: v ?? 0 })} />
              </Form.Item>
              <Form.Item label={t('replenishment.rules.perKm')} extra={t('replenishment.rules.perKmHelp')}>
                <InputNumber
                  min={0}
                  max={100000}
                  step={0.1}
                  value={draft.costPerKmFen}
                  onChange={(v) => setDraft({ ...draft, costPerKmFen: v ?? 0 })}
                  style={{ width: '100%' }}
                  suffix={t('replenishment.rules.fenPerKm')}
                />
              </Form.Item>
              <Form.Item label={t('replenishment.rules.maxDistance')} extra={t('replenishment.rules.maxDistanceHelp')}>
                <InputNumber
                  min={1}
                  max={10000}
                  precision={0}
                  value={draft.maxDistanceKm}
                  onChange={(v) => setDraft({ ...draft, maxDistanceKm: v ?? draft.maxDistanceKm })}
                  style={{ width: '100%' }}
                  suffix="km"
                />
              </Form.Item>
              {save.error && <Alert type="error" showIcon title={errorTitle(t, save.error)} style={{ marginBottom: 12 }} />}
              {editable && (
                <Button type="primary" loading={save.isPending} onClick={() => save.mutate(draft)}>
                  {t('common.save')}
                </Button>
              )}
            </Form>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Card size="small" title={t('replenishment.rules.costTable')} extra={<ExportButton path="/transfers/costs" filename="transfer-costs" />}>
          <Typography.Paragraph type="secondary">{t('replenishment.rules.costTableHelp')}</Typography.Paragraph>
          {editable && (
            <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }} onFinish={(v) => create.mutate(v, { onSuccess: () => form.resetFields() })}>
              <Form.Item name="fromRegionCode" rules={[{ required: true, message: t('replenishment.rules.fromRegion') }]}>
                <RegionPicker placeholder={t('replenishment.rules.fromRegion')} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="toRegionCode" rules={[{ required: true, message: t('replenishment.rules.toRegion') }]}>
                <RegionPicker placeholder={t('replenishment.rules.toRegion')} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="unitCostFen" rules={[{ required: true, message: t('replenishment.fields.unitCost') }]}>
                <MoneyInput placeholder={t('replenishment.fields.unitCost')} style={{ width: 130 }} />
              </Form.Item>
              <Form.Item name="note">
                <Input placeholder={t('replenishment.rules.note')} maxLength={200} style={{ width: 140 }} />
              </Form.Item>
              <Button htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
                {t('replenishment.rules.add')}
              </Button>
            </Form>
          )}
          {(create.error || remove.error) && <Alert type="error" showIcon title={errorTitle(t, create.error ?? remove.error)} style={{ marginBottom: 12 }} />}
          <CursorTable<TransferCost>
            query={costs}
            rowKey="id"
            emptyText={t('replenishment.rules.noCosts')}
            columns={[
              { title: t('replenishment.rules.fromRegion'), dataIndex: 'fromRegionCode', render: (c: string) => <RegionTag code={c} /> },
              { title: t('replenishment.rules.toRegion'), dataIndex: 'toRegionCode', render: (c: string) => <RegionTag code={c} /> },
              { title: t('replenishment.fields.unitCost'), dataIndex: 'unitCostFen', align: 'right', render: (v: number) => formatFen(v) },
              { title: t('replenishment.rules.note'), dataIndex: 'note', render: (v: string | null) => v ?? '-' },
              ...(editable
                ? [
                    {
                      title: '',
                      key: 'actions',
                      render: (_: unknown, c: TransferCost) => (
                        <Flex>
                          <Popconfirm title={t('replenishment.rules.deleteConfirm')} onConfirm={() => remove.mutate(c.id)}>
                            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                          </Popconfirm>
                        </Flex>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
