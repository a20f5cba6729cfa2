import { useState } from 'react';
import { Alert, Button, Card, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CreateProspectBody } from '../../../shared/schemas/recruitment.js';
import { applyFieldErrors } from '../../lib/errors';
import { PageHeader } from '../../components/PageHeader';
import { useCreateProspect } from './api';
import { ProspectFields, toBody, type ProspectFormValues } from './ProspectFields';

export const PROSPECT_FORM_FIELDS = [
  'name',
  'contactName',
  'phone',
  'regionCodes',
  'contactTitle',
  'email',
  'unifiedSocialCreditCode',
  'legalRepresentative',
  'registeredCapitalFen',
  'foundedYear',
  'address',
  'businessScope',
  'outletCount',
  'citiesCovered',
  'countiesCovered',
  'keyAccounts',
  'liquidFundsFen',
  'profitableYears',
  'dsoDays',
  'inventoryTurnover',
  'salesHeadcount',
  'yearsOfExperience',
  'afterSales',
  'notes',
];

/** HQ enters a prospect (from a phone call: only name, contact, phone and regions are needed). */
export default function ProspectCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProspectFormValues>();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const create = useCreateProspect();
  return (
    <div data-testid="prospect-create-page">
      <PageHeader title={t('recruitment.create.title')} sub={t('recruitment.create.hint')} />
      <Card>
        {unplaced.length > 0 && <Alert type="error" showIcon title={unplaced.join('\n')} style={{ marginBottom: 16 }} />}
        <Form
          form={form}
          layout="vertical"
          scrollToFirstError
          onFinish={(v) =>
            create.mutate(toBody(v, false) as CreateProspectBody, {
              onSuccess: (p) => navigate(`/recruitment/prospects/${p.id}`),
              onError: (e) => setUnplaced(applyFieldErrors(form, e, t, { fields: PROSPECT_FORM_FIELDS, rename: { debtToAssetRatio: 'debtToAssetPercent' } })),
            })
          }
        >
          <ProspectFields />
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="prospect-submit">
              {t('common.create')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
