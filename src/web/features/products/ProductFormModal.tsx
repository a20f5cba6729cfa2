import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Col, Form, Input, Modal, Row, Switch, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/schemas/catalog.js';
import { applyFieldErrors } from '../../lib/errors';
import { MoneyInput } from '../../components/MoneyInput';
import { useCategories, useSaveProduct } from './api';

interface Values {
  sku: string;
  name: string;
  category: string;
  unit: string;
  listPriceFen: number | null;
  minRetailPriceFen: number | null;
  active: boolean;
}

const FIELDS = ['sku', 'name', 'category', 'unit', 'listPriceFen', 'minRetailPriceFen', 'active'];

/** Create (product undefined) or edit a product. */
export function ProductFormModal({ open, product, onClose }: { open: boolean; product?: Product; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const save = useSaveProduct(product?.id);
  const [unplaced, setUnplaced] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    setUnplaced([]);
    form.resetFields();
    if (product) form.setFieldsValue({ ...product });
  }, [open, product, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name.trim(),
      category: v.category.trim(),
      unit: v.unit.trim(),
      listPriceFen: v.listPriceFen ?? 0,
      minRetailPriceFen: v.minRetailPriceFen ?? 0,
      active: v.active,
    };
    save.mutate(product ? body : { sku: v.sku.trim(), ...body }, {
      onSuccess: (saved) => {
        void message.success(product ? t('common.saved') : t('products.created', { name: saved.name }));
        onClose();
      },
      onError: (error) => setUnplaced(applyFieldErrors(form, error, t, { fields: FIELDS })),
    });
  };

  const required = { required: true, whitespace: true, message: t('errors.field.required') };
  const max = (n: number) => ({ max: n, message: t('errors.field.maxLength', { n }) });

  return (
    <Modal
      open={open}
      title={product ? t('products.editTitle', { sku: product.sku }) : t('products.createTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={product ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'product-submit' } as ButtonProps}
      width={640}
      forceRender
    >
      {unplaced.length > 0 && <Alert type="error" showIcon title={unplaced.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ active: true, listPriceFen: 0, minRetailPriceFen: 0 }} data-testid="product-form">
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="sku" label={t('products.fields.sku')} rules={[required, max(64), { pattern: /^[A-Za-z0-9_.-]+$/, message: t('products.skuPattern') }]}>
              <Input disabled={!!product} maxLength={64} data-testid="product-sku" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('products.fields.name')} rules={[required, max(200)]}>
              <Input maxLength={200} data-testid="product-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('products.fields.category')} rules={[required, max(64)]}>
              <AutoComplete
                options={(categories.data ?? []).map((c) => ({ value: c }))}
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
                data-testid="product-category"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unit" label={t('products.fields.unit')} rules={[required, max(16)]}>
              <Input maxLength={16} placeholder={t('products.unitPlaceholder')} data-testid="product-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="listPriceFen" label={t('products.fields.listPriceYuan')} rules={[{ required: true, message: t('errors.field.required') }]}>
              <MoneyInput data-testid="product-list-price" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="minRetailPriceFen" label={t('products.fields.minRetailPriceYuan')} rules={[{ required: true, message: t('errors.field.required') }]}>
              <MoneyInput data-testid="product-min-price" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="active" label={t('products.fields.active')} valuePropName="checked">
              <Switch data-testid="product-active" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
