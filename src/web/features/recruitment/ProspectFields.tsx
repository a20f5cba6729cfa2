import { Col, Divider, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CreateProspectBody, Prospect } from '../../../shared/schemas/recruitment.js';
// The check-digit rule is pure and shared with the server, so the form refuses what the API would.
import { creditCodeProblem, normalizeCreditCode } from '../../../server/modules/prospects/credit-code.rules.js';
import { MoneyInput } from '../../components/MoneyInput';
import { RegionPicker } from '../../components/RegionPicker';
import { PublicRegionSelect } from './PublicRegionSelect';

/** The form's values: the API body, but the debt ratio as a percentage. */
export type ProspectFormValues = Omit<CreateProspectBody, 'debtToAssetRatio'> & { debtToAssetPercent?: number | null };

const PHONE = /^[0-9+\- ()]*$/;

export const requiredRule = (t: TFunction): Rule => ({ required: true, whitespace: true, message: t('recruitment.form.required') });

export const creditCodeRule = (t: TFunction): Rule => ({
  validator: (_, value?: string) => {
    if (!value) return Promise.resolve();
    const problem = creditCodeProblem(normalizeCreditCode(value));
    return problem ? Promise.reject(new Error(t(`recruitment.form.creditCode.${problem}`))) : Promise.resolve();
  },
});

const OPTIONAL_NUMBERS = [
  'foundedYear',
  'outletCount',
  'citiesCovered',
  'countiesCovered',
  'profitableYears',
  'dsoDays',
  'inventoryTurnover',
  'salesHeadcount',
  'yearsOfExperience',
  'registeredCapitalFen',
  'liquidFundsFen',
] as const;
const OPTIONAL_TEXTS = ['contactTitle', 'email', 'unifiedSocialCreditCode', 'legalRepresentative', 'address', 'businessScope', 'afterSales', 'notes'] as const;

/**
 * Form values -> API body. `clearEmpty` (editing) sends null for a cleared field so the server
 * forgets it; a new prospect just leaves empty fields out.
 */
export function toBody(values: ProspectFormValues, clearEmpty: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: values.name?.trim(),
    contactName: values.contactName?.trim(),
    phone: values.phone?.trim(),
    regionCodes: values.regionCodes ?? [],
  };
  const put = (key: string, value: unknown) => {
    if (value === undefined || value === null || value === '') {
      if (clearEmpty) body[key] = null;
    } else body[key] = value;
  };
  for (const key of OPTIONAL_TEXTS) {
    const v = values[key];
    put(key, typeof v === 'string' ? (key === 'unifiedSocialCreditCode' ? normalizeCreditCode(v) : v.trim()) : v);
  }
  for (const key of OPTIONAL_NUMBERS) put(key, values[key]);
  const percent = values.debtToAssetPercent;
  put('debtToAssetRatio', percent === null || percent === undefined ? null : Math.round(percent * 100) / 10000);
  if (values.keyAccounts?.length || clearEmpty) body.keyAccounts = values.keyAccounts ?? [];
  return body;
}

/** A prospect -> the form's initial values. */
export function toFormValues(p: Prospect): ProspectFormValues {
  const out: Record<string, unknown> = { name: p.name, contactName: p.contactName, phone: p.phone, regionCodes: p.regionCodes, keyAccounts: p.keyAccounts };
  for (const key of [...OPTIONAL_TEXTS, ...OPTIONAL_NUMBERS]) out[key] = p[key] ?? undefined;
  out.debtToAssetPercent = p.debtToAssetRatio === null ? undefined : Math.round(p.debtToAssetRatio * 10000) / 100;
  return out as ProspectFormValues;
}

const half = { xs: 24, md: 12 };
const third = { xs: 24, sm: 12, md: 8 };

/** The C1 fields of a prospect; `publicForm` uses the login-free region picker and hides the HQ-only finance details. */
export function ProspectFields({ publicForm = false }: { publicForm?: boolean }) {
  const { t } = useTranslation();
  const f = (key: string) => t(`recruitment.fields.${key}`);
  const num = (name: string, max: number, extra: { suffix?: string; precision?: number; min?: number } = {}) => (
    <Form.Item name={name} label={f(name)}>
      <InputNumber min={extra.min ?? 0} max={max} precision={extra.precision ?? 0} suffix={extra.suffix} style={{ width: '100%' }} data-testid={`field-${name}`} />
    </Form.Item>
  );
  return (
    <>
      <Divider titlePlacement="start" plain>
        {t('recruitment.form.sectionCompany')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label={f('name')} rules={[requiredRule(t), { max: 200 }]}>
            <Input maxLength={200} data-testid="field-name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="unifiedSocialCreditCode" label={f('unifiedSocialCreditCode')} rules={[creditCodeRule(t)]} extra={t('recruitment.form.creditCodeHint')}>
            <Input maxLength={18} style={{ textTransform: 'uppercase' }} data-testid="field-creditCode" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="legalRepresentative" label={f('legalRepresentative')}>
            <Input maxLength={100} data-testid="field-legalRepresentative" />
          </Form.Item>
        </Col>
        <Col {...third}>{num('foundedYear', 2100, { min: 1900 })}</Col>
        <Col {...third}>
          <Form.Item name="registeredCapitalFen" label={f('registeredCapitalFen')}>
            <MoneyInput data-testid="field-registeredCapital" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label={f('address')}>
            <Input maxLength={300} data-testid="field-address" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="businessScope" label={f('businessScope')}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="field-businessScope" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('recruitment.form.sectionContact')}
      </Divider>
      <Row gutter={16}>
        <Col {...third}>
          <Form.Item name="contactName" label={f('contactName')} rules={[requiredRule(t), { max: 100 }]}>
            <Input maxLength={100} data-testid="field-contactName" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="contactTitle" label={f('contactTitle')}>
            <Input maxLength={100} data-testid="field-contactTitle" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item
            name="phone"
            label={f('phone')}
            rules={[requiredRule(t), { pattern: PHONE, message: t('recruitment.form.phonePattern') }, { min: 3, max: 40, message: t('recruitment.form.phoneLength') }]}
          >
            <Input maxLength={40} data-testid="field-phone" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="email" label={f('email')} rules={[{ type: 'email', message: t('recruitment.form.email') }]}>
            <Input maxLength={200} data-testid="field-email" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="regionCodes"
            label={f('regionCodes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('recruitment.form.regionsRequired') }]}
            extra={t('recruitment.form.regionsHint')}
          >
            {publicForm ? <PublicRegionSelect data-testid="field-regions" /> : <RegionPicker multiple style={{ width: '100%' }} data-testid="field-regions" />}
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('recruitment.form.sectionNetwork')}
      </Divider>
      <Row gutter={16}>
        <Col {...third}>{num('outletCount', 1_000_000)}</Col>
        <Col {...third}>{num('citiesCovered', 1000)}</Col>
        <Col {...third}>{num('countiesCovered', 5000)}</Col>
        <Col xs={24}>
          <Form.Item name="keyAccounts" label={f('keyAccounts')} extra={t('recruitment.form.keyAccountsHint')}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ';', '；']} data-testid="field-keyAccounts" />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('recruitment.form.sectionFinance')}
      </Divider>
      <Row gutter={16}>
        <Col {...third}>
          <Form.Item name="liquidFundsFen" label={f('liquidFundsFen')}>
            <MoneyInput data-testid="field-liquidFunds" />
          </Form.Item>
        </Col>
        <Col {...third}>{num('debtToAssetPercent', 1000, { suffix: '%', precision: 2 })}</Col>
        <Col {...third}>{num('profitableYears', 100)}</Col>
        {!publicForm && (
          <>
            <Col {...third}>{num('dsoDays', 3650, { precision: 1 })}</Col>
            <Col {...third}>{num('inventoryTurnover', 1000, { precision: 2 })}</Col>
          </>
        )}
      </Row>
      <Divider titlePlacement="start" plain>
        {t('recruitment.form.sectionTeam')}
      </Divider>
      <Row gutter={16}>
        <Col {...third}>{num('salesHeadcount', 1_000_000)}</Col>
        <Col {...third}>{num('yearsOfExperience', 100)}</Col>
        <Col xs={24}>
          <Form.Item name="afterSales" label={f('afterSales')}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="field-afterSales" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="notes" label={f(publicForm ? 'message' : 'notes')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="field-notes" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
