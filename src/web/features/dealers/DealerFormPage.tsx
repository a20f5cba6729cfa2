import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { TIERS, type CreateDealerBody, type Dealer, type Tier } from '../../../shared/schemas/dealers.js';
import { applyFieldErrors, fieldMessage } from '../../lib/errors';
import { isApiError } from '../../lib/api';
import { MoneyInput } from '../../components/MoneyInput';
import { RegionPicker } from '../../components/RegionPicker';
import { PageHeader } from '../../components/PageHeader';
import { Loading, QueryError } from '../../components/QueryState';
import { DealerSelect } from './DealerSelect';
import { useDealer, useSaveDealer } from './api';

interface ContactValues {
  name?: string;
  title?: string;
  phone?: string;
  email?: string;
  primary?: boolean;
}

interface FormValues {
  code: string;
  name: string;
  level: 1 | 2;
  parentDealerId?: string | null;
  tier: Tier;
  creditLimitFen?: number | null;
  paymentTermDays?: number | null;
  vmi: boolean;
  contractStartsOn?: Dayjs | null;
  contractEndsOn?: Dayjs | null;
  unifiedSocialCreditCode?: string;
  address?: string;
  contacts?: ContactValues[];
  territory?: { regionCode?: string; exclusive?: boolean }[];
}

const FIELDS = [
  'code',
  'name',
  'level',
  'parentDealerId',
  'tier',
  'creditLimitFen',
  'paymentTermDays',
  'vmi',
  'contractStartsOn',
  'contractEndsOn',
  'unifiedSocialCreditCode',
  'address',
  'contacts',
  'territory',
];

const trimOrNull = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);
const dateOrNull = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function toBody(v: FormValues, creating: boolean): CreateDealerBody {
  const body: CreateDealerBody = {
    code: v.code.trim(),
    name: v.name.trim(),
    level: v.level,
    parentDealerId: v.level === 2 ? (v.parentDealerId ?? null) : null,
    tier: v.tier,
    creditLimitFen: v.creditLimitFen ?? 0,
    paymentTermDays: v.paymentTermDays ?? 0,
    vmi: !!v.vmi,
    contractStartsOn: dateOrNull(v.contractStartsOn),
    contractEndsOn: dateOrNull(v.contractEndsOn),
    unifiedSocialCreditCode: trimOrNull(v.unifiedSocialCreditCode)?.toUpperCase() ?? null,
    address: trimOrNull(v.address),
    contacts: (v.contacts ?? []).map((c) => ({
      name: (c.name ?? '').trim(),
      ...(c.title?.trim() ? { title: c.title.trim() } : {}),
      ...(c.phone?.trim() ? { phone: c.phone.trim() } : {}),
      ...(c.email?.trim() ? { email: c.email.trim() } : {}),
      primary: !!c.primary,
    })),
    territory: (v.territory ?? []).filter((x) => x.regionCode).map((x) => ({ regionCode: x.regionCode!, exclusive: !!x.exclusive })),
  };
  if (!creating) {
    const { code: _code, ...update } = body;
    return update as CreateDealerBody;
  }
  return body;
}

function toValues(d: Dealer): FormValues {
  return {
    code: d.code,
    name: d.name,
    level: d.level,
    parentDealerId: d.parentDealerId,
    tier: d.tier,
    creditLimitFen: d.creditLimitFen,
    paymentTermDays: d.paymentTermDays,
    vmi: d.vmi,
    contractStartsOn: d.contractStartsOn ? dayjs(d.contractStartsOn) : null,
    contractEndsOn: d.contractEndsOn ? dayjs(d.contractEndsOn) : null,
    unifiedSocialCreditCode: d.unifiedSocialCreditCode ?? '',
    address: d.address ?? '',
    contacts: d.contacts.map((c) => ({ ...c })),
    territory: d.territory.map((x) => ({ regionCode: x.regionCode, exclusive: x.exclusive })),
  };
}

export default function DealerFormPage() {
  const { id } = useParams();
  const creating = !id;
  const existing = useDealer(id);
  if (!creating && existing.isLoading) return <Loading />;
  if (!creating && existing.isError) return <QueryError error={existing.error} onRetry={() => void existing.refetch()} />;
  return <DealerForm dealer={creating ? undefined : existing.data} />;
}

function DealerForm({ dealer }: { dealer?: Dealer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveDealer(dealer?.id);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const level = Form.useWatch('level', form);
  const creating = !dealer;

  // Fill the form once per dealer: a background refetch must not overwrite what is being typed.
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (dealer && filledFor.current !== dealer.id) {
      filledFor.current = dealer.id;
      form.setFieldsValue(toValues(dealer));
    }
  }, [dealer, form]);

  const onFinish = (values: FormValues) => {
    setUnplaced([]);
    save.mutate(toBody(values, creating), {
      onSuccess: (saved) => {
        void message.success(creating ? t('dealers.form.created', { name: saved.name }) : t('common.saved'));
        navigate(`/dealers/${saved.id}`);
      },
      onError: (error) => {
        setUnplaced(applyFieldErrors(form, error, t, { fields: FIELDS, listLeaf: { territory: 'regionCode', contacts: 'name' } }));
        markConflicts(error, values);
      },
    });
  };

  // 409 CONFLICT names each exclusive region already held by another dealer: mark those rows.
  const markConflicts = (error: unknown, values: FormValues) => {
    if (!isApiError(error) || error.code !== 'CONFLICT') return;
    if (/^Dealer code \S+ is already used$/.test(error.detail)) {
      form.setFields([{ name: 'code', errors: [fieldMessage(t, error.detail)] }]);
      form.scrollToField('code', { block: 'center' });
      return;
    }
    const conflicts = (error.problem.conflicts ?? []) as { regionCode: string; heldRegionCode: string; dealerCode: string; dealerName: string }[];
    const fields = (values.territory ?? []).flatMap((row, i) => {
      const c = conflicts.find((x) => x.regionCode === row.regionCode);
      return c
        ? [{ name: ['territory', i, 'regionCode'] as ['territory', number, 'regionCode'], errors: [t('dealers.form.regionHeld', { code: c.dealerCode, name: c.dealerName, held: c.heldRegionCode })] }]
        : [];
    });
    if (fields.length) {
      form.setFields(fields);
      form.scrollToField(fields[0].name, { block: 'center' });
    }
  };

  const max = (n: number) => ({ max: n, message: t('errors.field.maxLength', { n }) });
  const required = { required: true, message: t('errors.field.required') };

  return (
    <div data-testid="dealer-form-page">
      <PageHeader title={creating ? t('dealers.form.createTitle') : t('dealers.form.editTitleNamed', { name: dealer.name })} sub={creating ? t('dealers.form.createHint') : undefined} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        scrollToFirstError
        onFinish={onFinish}
        initialValues={{ level: 1, tier: 'bronze', vmi: false, paymentTermDays: 30, creditLimitFen: 0, contacts: [], territory: [] }}
        data-testid="dealer-form"
      >
        {unplaced.length > 0 && <Alert type="error" showIcon title={t('errors.codes.VALIDATION_FAILED')} description={unplaced.join('\n')} style={{ marginBottom: 16, whiteSpace: 'pre-line' }} />}
        <Card title={t('dealers.form.sectionBasic')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="code"
                label={t('dealers.fields.code')}
                tooltip={t('dealers.form.codeHelp')}
                rules={[required, max(32), { pattern: /^[A-Za-z0-9_-]+$/, message: t('dealers.form.codePattern') }]}
              >
                <Input disabled={!creating} maxLength={32} data-testid="dealer-code" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="name" label={t('dealers.fields.name')} rules={[required, { whitespace: true, message: t('errors.field.required') }, max(200)]}>
                <Input maxLength={200} data-testid="dealer-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="level" label={t('dealers.fields.level')} rules={[required]}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 1, label: t('enums.level.1') },
                    { value: 2, label: t('enums.level.2') },
                  ]}
                  data-testid="dealer-level"
                />
              </Form.Item>
            </Col>
            {level === 2 && (
              <Col xs={24} md={16}>
                <Form.Item name="parentDealerId" label={t('dealers.fields.parent')} rules={[{ required: true, message: t('dealers.form.parentRequired') }]}>
                  <DealerSelect level={1} excludeId={dealer?.id} placeholder={t('dealers.form.parentPlaceholder')} data-testid="dealer-parent" />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="tier" label={t('dealers.fields.tier')} rules={[required]}>
                <Select options={TIERS.map((x) => ({ value: x, label: t(`enums.tier.${x}`) }))} data-testid="dealer-tier" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="unifiedSocialCreditCode"
                label={t('dealers.fields.uscc')}
                normalize={(v?: string) => v?.toUpperCase()}
                rules={[{ pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, message: t('dealers.form.usccPattern') }]}
              >
                <Input maxLength={18} placeholder="91440101MA5XXXXXXX" data-testid="dealer-uscc" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="address" label={t('dealers.fields.address')} rules={[max(300)]}>
                <Input.TextArea rows={2} maxLength={300} data-testid="dealer-address" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('dealers.form.sectionTerms')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="creditLimitFen" label={t('dealers.fields.creditLimitYuan')} rules={[required]}>
                <MoneyInput data-testid="dealer-credit-limit" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="paymentTermDays" label={t('dealers.fields.paymentTermDays')} rules={[required, { type: 'integer', min: 0, max: 365, message: t('dealers.form.paymentTermRange') }]}>
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} suffix={t('dealers.daysUnit')} data-testid="dealer-payment-terms" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="vmi" label={t('dealers.fields.vmi')} valuePropName="checked" tooltip={t('dealers.form.vmiHelp')}>
                <Switch data-testid="dealer-vmi" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contractStartsOn" label={t('dealers.fields.contractStartsOn')}>
                <DatePicker style={{ width: '100%' }} data-testid="dealer-contract-start" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="contractEndsOn"
                label={t('dealers.fields.contractEndsOn')}
                dependencies={['contractStartsOn']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, end?: Dayjs | null) => {
                      const start = getFieldValue('contractStartsOn') as Dayjs | null | undefined;
                      return !end || !start || !end.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('dealers.form.endBeforeStart')));
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="dealer-contract-end" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('dealers.form.sectionContacts')} size="small" style={{ marginBottom: 16 }}>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                {fields.length === 0 && <Typography.Paragraph type="secondary">{t('dealers.form.noContacts')}</Typography.Paragraph>}
                {fields.map((field) => (
                  <Row gutter={12} key={field.key} align="top" data-testid="contact-row">
                    <Col xs={24} sm={12} md={5}>
                      <Form.Item name={[field.name, 'name']} label={t('dealers.contact.name')} rules={[required, max(100)]}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={4}>
                      <Form.Item name={[field.name, 'title']} label={t('dealers.contact.title')} rules={[max(100)]}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={5}>
                      <Form.Item name={[field.name, 'phone']} label={t('dealers.contact.phone')} rules={[max(40), { pattern: /^[0-9+\- ()]*$/, message: t('dealers.form.phonePattern') }]}>
                        <Input maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={6}>
                      <Form.Item name={[field.name, 'email']} label={t('dealers.contact.email')} rules={[max(200), { type: 'email', message: t('errors.field.email') }]}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={16} md={2}>
                      <Form.Item name={[field.name, 'primary']} label={t('dealers.contact.primary')} valuePropName="checked">
                        <Checkbox />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={2}>
                      <Form.Item label=" ">
                        <Button danger type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ primary: fields.length === 0 })} data-testid="add-contact">
                  {t('dealers.form.addContact')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('dealers.form.sectionTerritory')} size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('dealers.form.territoryHelp')}</Typography.Paragraph>
          <Form.List name="territory">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Flex key={field.key} gap={12} align="start" wrap data-testid="territory-row">
                    <Form.Item
                      name={[field.name, 'regionCode']}
                      style={{ flex: '1 1 260px', minWidth: 0 }}
                      rules={[
                        { required: true, message: t('dealers.form.regionRequired') },
                        ({ getFieldValue }) => ({
                          validator: (_, code?: string) => {
                            const all = (getFieldValue('territory') as { regionCode?: string }[] | undefined) ?? [];
                            return code && all.filter((x) => x?.regionCode === code).length > 1 ? Promise.reject(new Error(t('dealers.form.regionDuplicate'))) : Promise.resolve();
                          },
                        }),
                      ]}
                    >
                      <RegionPicker style={{ width: '100%' }} data-testid="territory-region" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'exclusive']} valuePropName="checked">
                      <Checkbox data-testid="territory-exclusive">{t('dealers.fields.exclusive')}</Checkbox>
                    </Form.Item>
                    <Button danger type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ exclusive: false })} data-testid="add-territory">
                  {t('dealers.form.addRegion')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="dealer-submit">
            {creating ? t('common.create') : t('common.save')}
          </Button>
          <Button onClick={() => navigate(dealer ? `/dealers/${dealer.id}` : '/dealers')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
