import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Row, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TIERS } from '../../../shared/schemas/dealers.js';
import { formatFen } from '../../lib/format';
import { TierTag } from '../../components/EnumTags';
import { ProductSelect } from '../products/ProductSelect';
import { useResolvePrice } from './api';

/** "What does a gold dealer pay for SKU X on date D?" via /price-lists/resolve. */
export function PriceCheck() {
  const { t } = useTranslation();
  const resolve = useResolvePrice();
  const [form] = Form.useForm<{ tier: string; sku: string; on: Dayjs }>();
  const r = resolve.data;
  return (
    <Card title={t('priceLists.check.title')} size="small" data-testid="price-check">
      <Form form={form} layout="vertical" initialValues={{ tier: 'gold', on: dayjs() }} onFinish={(v) => resolve.mutate({ tier: v.tier, sku: v.sku, on: v.on.format('YYYY-MM-DD') })}>
        <Row gutter={12}>
          <Col xs={24} sm={8} lg={6}>
            <Form.Item name="tier" label={t('priceLists.fields.tier')} rules={[{ required: true, message: t('errors.field.required') }]}>
              <Select options={TIERS.map((x) => ({ value: x, label: t(`enums.tier.${x}`) }))} data-testid="check-tier" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16} lg={10}>
            <Form.Item name="sku" label={t('products.fields.sku')} rules={[{ required: true, message: t('errors.field.required') }]}>
              <ProductSelect data-testid="check-sku" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item name="on" label={t('priceLists.check.on')} rules={[{ required: true, message: t('errors.field.required') }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="check-on" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={3}>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit" block loading={resolve.isPending} data-testid="check-submit">
                {t('priceLists.check.submit')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {r && (
        <Alert
          type="info"
          data-testid="check-result"
          title={
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 4 }}
              items={[
                { key: 'price', label: t('priceLists.check.price'), children: <strong style={{ fontSize: 16 }}>{formatFen(r.priceFen)}</strong> },
                { key: 'list', label: t('products.fields.listPrice'), children: formatFen(r.listPriceFen) },
                { key: 'tier', label: t('priceLists.fields.tier'), children: <TierTag tier={r.tier} /> },
                {
                  key: 'source',
                  label: t('priceLists.check.source'),
                  children: <Tag color={r.source === 'price_list' ? 'blue' : 'default'}>{t(`priceLists.check.sources.${r.source}`)}</Tag>,
                },
              ]}
            />
          }
        />
      )}
    </Card>
  );
}
