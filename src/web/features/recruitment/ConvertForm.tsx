import { useState } from 'react';
import { Alert, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { TIERS, type Tier } from '../../../shared/schemas/dealers.js';
import type { ContractTerms, Prospect } from '../../../shared/schemas/recruitment.js';
import { applyFieldErrors } from '../../lib/errors';
import { MoneyInput } from '../../components/MoneyInput';
import { RegionPicker } from '../../components/RegionPicker';
import { usePriceLists } from '../price-lists/api';
import { useConvert } from './api';

interface Values {
  territory: { regionCode?: string; exclusive?: boolean }[];
  tier: Tier;
  creditLimitFen: number | null;
  paymentTermDays: number;
  term?: [Dayjs, Dayjs] | null;
  priceListId?: string;
  vmi?: boolean;
  dealerCode?: string;
  rebatePolicy?: string;
  annualTargetFen?: number | null;
}

const FIELDS = ['territory', 'tier', 'creditLimitFen', 'paymentTermDays', 'term', 'priceListId', 'vmi', 'dealerCode', 'rebatePolicy', 'annualTargetFen'];

/** Signs the contract: the prospect becomes an active level-1 dealer; the page then opens that dealer. */
export function ConvertForm({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const convert = useConvert(prospect.id);
  const tier = Form.useWatch('tier', form) ?? 'bronze';
  const priceLists = usePriceLists({ tier });
  const lists = priceLists.data?.pages.flatMap((p) => p.items) ?? [];
  const today = dayjs();

  const submit = (v: Values) => {
    const contract: ContractTerms = {
      territory: v.territory.filter((x) => x.regionCode).map((x) => ({ regionCode: x.regionCode!, exclusive: !!x.exclusive })),
      tier: v.tier,
      creditLimitFen: v.creditLimitFen ?? 0,
      paymentTermDays: v.paymentTermDays,
      ...(v.term ? { startsOn: v.term[0].format('YYYY-MM-DD'), endsOn: v.term[1].format('YYYY-MM-DD') } : {}),
      ...(v.priceListId ? { priceListId: v.priceListId } : {}),
      vmi: !!v.vmi,
      ...(v.dealerCode?.trim() ? { dealerCode: v.dealerCode.trim() } : {}),
      ...(v.rebatePolicy?.trim() ? { rebatePolicy: v.rebatePolicy.trim() } : {}),
      ...(v.annualTargetFen ? { annualTargetFen: v.annualTargetFen } : {}),
    };
    convert.mutate(
      { contract },
      {
        onSuccess: (dealer) => navigate(`/dealers/${dealer.id}`),
        onError: (e) => {
          // The API names /contract/<field>: strip the prefix so errors land on this form's fields.
          const rewritten = Object.assign(Object.create(Object.getPrototypeOf(e) as object) as object, e, {
            errors: ((e as { errors?: { path: string; message: string }[] }).errors ?? []).map((x) => ({ ...x, path: x.path.replace(/^\/contract/, '') })),
          });
          setUnplaced(applyFieldErrors(form, rewritten, t, { fields: FIELDS, listLeaf: { territory: 'regionCode' }, rename: { startsOn: 'term', endsOn: 'term' } }));
        },
      },
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        territory: prospect.regionCodes.map((regionCode) => ({ regionCode, exclusive: false })),
        tier: 'bronze',
        creditLimitFen: null,
        paymentTermDays: 30,
        term: [today, today.add(1, 'year').subtract(1, 'day')],
        vmi: false,
      }}
      onFinish={submit}
      data-testid="convert-form"
    >
      {unplaced.length > 0 && <Alert type="error" showIcon title={unplaced.join('\n')} style={{ marginBottom: 12 }} />}
      <Typography.Text strong>{t('recruitment.convert.territory')}</Typography.Text>
      <Form.List name="territory" rules={[{ validator: async (_, v?: unknown[]) => (v?.length ? undefined : Promise.reject(new Error(t('recruitment.convert.territoryRequired')))) }]}>
        {(fields, { add, remove }, { errors }) => (
          <div style={{ margin: '8px 0 16px' }}>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="middle" data-testid="convert-territory-row">
                <Col flex="auto">
                  <Form.Item name={[field.name, 'regionCode']} rules={[{ required: true, message: t('recruitment.form.required') }]} style={{ marginBottom: 8 }}>
                    <RegionPicker style={{ width: '100%' }} data-testid="convert-region" />
                  </Form.Item>
                </Col>
                <Col>
                  <Form.Item name={[field.name, 'exclusive']} valuePropName="checked" style={{ marginBottom: 8 }}>
                    <Checkbox data-testid="convert-exclusive">{t('recruitment.convert.exclusive')}</Checkbox>
                  </Form.Item>
                </Col>
                <Col>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} style={{ marginBottom: 8 }} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ exclusive: false })}>
              {t('recruitment.convert.addRegion')}
            </Button>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name="tier" label={t('recruitment.convert.tier')} rules={[{ required: true }]}>
            <Select options={TIERS.map((x) => ({ value: x, label: t(`enums.tier.${x}`) }))} onChange={() => form.setFieldValue('priceListId', undefined)} data-testid="convert-tier" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="creditLimitFen" label={t('recruitment.convert.creditLimit')} rules={[{ required: true, message: t('recruitment.form.required') }]}>
            <MoneyInput data-testid="convert-credit" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="paymentTermDays" label={t('recruitment.convert.paymentTerms')} rules={[{ required: true, message: t('recruitment.form.required') }]}>
            <InputNumber min={0} max={365} precision={0} suffix={t('recruitment.convert.days')} style={{ width: '100%' }} data-testid="convert-terms" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="term" label={t('recruitment.convert.term')}>
            <DatePicker.RangePicker style={{ width: '100%' }} data-testid="convert-term" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="priceListId" label={t('recruitment.convert.priceList')}>
            <Select
              allowClear
              loading={priceLists.isLoading}
              options={lists.map((l) => ({ value: l.id, label: `${l.name} (${l.effectiveFrom}${l.effectiveTo ? ` ~ ${l.effectiveTo}` : ''})` }))}
              placeholder={t('recruitment.convert.priceListPlaceholder')}
              data-testid="convert-price-list"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="annualTargetFen" label={t('recruitment.convert.annualTarget')}>
            <MoneyInput />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="rebatePolicy" label={t('recruitment.convert.rebatePolicy')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={4}>
          <Form.Item name="dealerCode" label={t('recruitment.convert.dealerCode')} rules={[{ pattern: /^[A-Za-z0-9_-]*$/, message: t('recruitment.convert.codePattern') }]}>
            <Input maxLength={32} placeholder={t('recruitment.convert.auto')} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={4}>
          <Form.Item name="vmi" label={t('recruitment.convert.vmi')} valuePropName="checked">
            <Switch data-testid="convert-vmi" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={convert.isPending} data-testid="convert-submit">
        {t('recruitment.convert.submit')}
      </Button>
    </Form>
  );
}
