import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Grid, Input, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TIERS, type Tier } from '../../../shared/schemas/dealers.js';
import type { PriceList, Product } from '../../../shared/schemas/catalog.js';
import { applyFieldErrors } from '../../lib/errors';
import { formatFen } from '../../lib/format';
import { MoneyInput } from '../../components/MoneyInput';
import { ProductSelect } from '../products/ProductSelect';
import { useSavePriceList } from './api';

interface ItemValues {
  sku?: string;
  priceFen?: number | null;
  productName?: string;
  listPriceFen?: number;
}
interface Values {
  name: string;
  tier: Tier;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  items: ItemValues[];
}

const FIELDS = ['name', 'tier', 'effectiveFrom', 'effectiveTo', 'items'];

function Discount({ list, price }: { list?: number; price?: number | null }) {
  const { t } = useTranslation();
  if (!list || price === null || price === undefined) return null;
  const pct = Math.round((price / list) * 1000) / 10;
  return (
    <Typography.Text type={price > list ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
      {t('priceLists.ofList', { list: formatFen(list), pct })}
    </Typography.Text>
  );
}

/** Create or edit a tier's price list: effective dates and per-product prices (overrides). */
export function PriceListForm({ open, priceList, onClose }: { open: boolean; priceList?: PriceList; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const save = useSavePriceList(priceList?.id);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const items = Form.useWatch('items', form) as ItemValues[] | undefined;

  useEffect(() => {
    if (!open) return;
    setUnplaced([]);
    form.resetFields();
    if (priceList) {
      form.setFieldsValue({
        name: priceList.name,
        tier: priceList.tier,
        effectiveFrom: dayjs(priceList.effectiveFrom),
        effectiveTo: priceList.effectiveTo ? dayjs(priceList.effectiveTo) : null,
        items: priceList.items.map((i) => ({ ...i })),
      });
    }
  }, [open, priceList, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const base = {
      name: v.name.trim(),
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
      items: (v.items ?? []).map((i) => ({ sku: i.sku!, priceFen: i.priceFen ?? 0 })),
    };
    save.mutate(priceList ? base : { ...base, tier: v.tier }, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError: (error) => setUnplaced(applyFieldErrors(form, error, t, { fields: FIELDS, listLeaf: { items: 'sku' } })),
    });
  };

  const required = { required: true, message: t('errors.field.required') };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={priceList ? t('priceLists.editTitle', { name: priceList.name }) : t('priceLists.createTitle')}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit().catch(() => undefined)} data-testid="price-list-submit">
            {priceList ? t('common.save') : t('common.create')}
          </Button>
        </Space>
      }
    >
      {unplaced.length > 0 && <Alert type="error" showIcon title={unplaced.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ tier: 'silver', effectiveFrom: dayjs(), items: [] }} data-testid="price-list-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('priceLists.fields.name')}
              rules={[
                { ...required, whitespace: true },
                { max: 100, message: t('errors.field.maxLength', { n: 100 }) },
              ]}
            >
              <Input maxLength={100} data-testid="price-list-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tier" label={t('priceLists.fields.tier')} rules={[required]} tooltip={priceList ? t('priceLists.tierFixed') : undefined}>
              <Select disabled={!!priceList} options={TIERS.map((x) => ({ value: x, label: t(`enums.tier.${x}`) }))} data-testid="price-list-tier" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="effectiveFrom" label={t('priceLists.fields.effectiveFrom')} rules={[required]}>
              <DatePicker style={{ width: '100%' }} data-testid="price-list-from" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="effectiveTo"
              label={t('priceLists.fields.effectiveTo')}
              dependencies={['effectiveFrom']}
              extra={t('priceLists.openEnded')}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, to?: Dayjs | null) => {
                    const from = getFieldValue('effectiveFrom') as Dayjs | undefined;
                    return !to || !from || !to.isBefore(from, 'day') ? Promise.resolve() : Promise.reject(new Error(t('priceLists.toBeforeFrom')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="price-list-to" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('priceLists.fields.items')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('priceLists.itemsHelp')}</Typography.Paragraph>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => {
                const item = items?.[field.name];
                return (
                  <Flex key={field.key} gap={12} align="start" wrap data-testid="price-item-row">
                    <Form.Item
                      name={[field.name, 'sku']}
                      style={{ flex: '2 1 260px', minWidth: 0, marginBottom: 12 }}
                      rules={[
                        required,
                        ({ getFieldValue }) => ({
                          validator: (_, sku?: string) => {
                            const all = (getFieldValue('items') as ItemValues[] | undefined) ?? [];
                            return sku && all.filter((x) => x?.sku === sku).length > 1 ? Promise.reject(new Error(t('priceLists.duplicateSku'))) : Promise.resolve();
                          },
                        }),
                      ]}
                    >
                      <ProductSelect
                        currentLabel={item?.productName ? `${item.sku} · ${item.productName}` : undefined}
                        onChange={(sku, product?: Product) => {
                          form.setFieldValue(['items', field.name, 'sku'], sku);
                          if (product) {
                            form.setFieldValue(['items', field.name, 'productName'], product.name);
                            form.setFieldValue(['items', field.name, 'listPriceFen'], product.listPriceFen);
                            if (form.getFieldValue(['items', field.name, 'priceFen']) == null) {
                              form.setFieldValue(['items', field.name, 'priceFen'], product.listPriceFen);
                            }
                          }
                        }}
                        data-testid="price-item-sku"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'productName']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'listPriceFen']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'priceFen']} style={{ flex: '1 1 160px', marginBottom: 12 }} rules={[required]} extra={<Discount list={item?.listPriceFen} price={item?.priceFen} />}>
                      <MoneyInput placeholder={t('priceLists.fields.price')} data-testid="price-item-price" />
                    </Form.Item>
                    <Button danger type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Flex>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ priceFen: null })} data-testid="add-price-item">
                {t('priceLists.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
