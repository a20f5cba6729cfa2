import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Prospect, UpdateProspectBody } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { applyFieldErrors } from '../../lib/errors';
import { formatDateTime, formatFen, formatNumber } from '../../lib/format';
import { RegionTags } from '../../components/RegionName';
import { useUpdateProspect } from './api';
import { percent } from './labels';
import { ProspectFields, toBody, toFormValues, type ProspectFormValues } from './ProspectFields';
import { PROSPECT_FORM_FIELDS } from './ProspectCreatePage';

function ProfileView({ p }: { p: Prospect }) {
  const { t } = useTranslation();
  const f = (k: string) => t(`recruitment.fields.${k}`);
  const text = (v: string | null) => v || '-';
  const num = (v: number | null) => formatNumber(v);
  const section = (title: string, items: { key: string; children: React.ReactNode; span?: number }[]) => (
    <Descriptions key={title} title={title} bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 3 }} style={{ marginBottom: 20 }} items={items.map((i) => ({ ...i, label: f(i.key) }))} />
  );
  return (
    <div data-testid="prospect-profile">
      {section(t('recruitment.form.sectionCompany'), [
        { key: 'name', children: p.name },
        { key: 'unifiedSocialCreditCode', children: p.unifiedSocialCreditCode ? <Typography.Text copyable>{p.unifiedSocialCreditCode}</Typography.Text> : '-' },
        { key: 'legalRepresentative', children: text(p.legalRepresentative) },
        { key: 'foundedYear', children: p.foundedYear ?? '-' },
        { key: 'registeredCapitalFen', children: formatFen(p.registeredCapitalFen) },
        { key: 'address', children: text(p.address) },
        { key: 'businessScope', children: text(p.businessScope), span: 3 },
      ])}
      {section(t('recruitment.form.sectionContact'), [
        { key: 'contactName', children: p.contactName },
        { key: 'contactTitle', children: text(p.contactTitle) },
        { key: 'phone', children: p.phone },
        { key: 'email', children: text(p.email) },
        { key: 'regionCodes', children: <RegionTags codes={p.regionCodes} max={10} />, span: 2 },
      ])}
      {section(t('recruitment.form.sectionNetwork'), [
        { key: 'outletCount', children: num(p.outletCount) },
        { key: 'citiesCovered', children: num(p.citiesCovered) },
        { key: 'countiesCovered', children: num(p.countiesCovered) },
        { key: 'keyAccounts', children: p.keyAccounts.length ? p.keyAccounts.map((k) => <Tag key={k}>{k}</Tag>) : '-', span: 3 },
      ])}
      {section(t('recruitment.form.sectionFinance'), [
        { key: 'liquidFundsFen', children: formatFen(p.liquidFundsFen) },
        { key: 'debtToAssetPercent', children: percent(p.debtToAssetRatio) },
        { key: 'profitableYears', children: num(p.profitableYears) },
        { key: 'dsoDays', children: num(p.dsoDays) },
        { key: 'inventoryTurnover', children: num(p.inventoryTurnover) },
      ])}
      {section(t('recruitment.form.sectionTeam'), [
        { key: 'salesHeadcount', children: num(p.salesHeadcount) },
        { key: 'yearsOfExperience', children: num(p.yearsOfExperience) },
        { key: 'afterSales', children: text(p.afterSales) },
        { key: 'notes', children: text(p.notes), span: 3 },
      ])}
      {p.references.length > 0 && (
        <>
          <Typography.Title level={5}>{f('references')}</Typography.Title>
          <Table
            size="small"
            rowKey={(r) => `${r.name}-${r.phone ?? ''}`}
            dataSource={p.references}
            pagination={false}
            columns={[
              { title: t('recruitment.references.name'), dataIndex: 'name' },
              { title: t('recruitment.references.company'), dataIndex: 'company', render: (v?: string) => v || '-' },
              { title: t('recruitment.references.phone'), dataIndex: 'phone', render: (v?: string) => v || '-' },
              { title: t('recruitment.references.relation'), dataIndex: 'relation', render: (v?: string) => v || '-' },
            ]}
          />
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('common.createdAt')} {formatDateTime(p.createdAt)} · {t('common.updatedAt')} {formatDateTime(p.updatedAt)}
      </Typography.Paragraph>
    </div>
  );
}

/** The C1 profile, editable in place while the prospect is open. */
export function ProfileTab({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<ProspectFormValues>();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const update = useUpdateProspect(prospect.id);
  const open = prospect.stage !== 'converted' && prospect.stage !== 'rejected';

  if (!editing)
    return (
      <>
        {can('prospects.write') && open && (
          <Button icon={<EditOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing(true)} data-testid="edit-profile">
            {t('common.edit')}
          </Button>
        )}
        <ProfileView p={prospect} />
      </>
    );
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={toFormValues(prospect)}
      scrollToFirstError
      onFinish={(v) =>
        update.mutate(toBody(v, true) as UpdateProspectBody, {
          onSuccess: () => setEditing(false),
          onError: (e) => setUnplaced(applyFieldErrors(form, e, t, { fields: PROSPECT_FORM_FIELDS, rename: { debtToAssetRatio: 'debtToAssetPercent' } })),
        })
      }
      data-testid="profile-form"
    >
      {unplaced.length > 0 && <Alert type="error" showIcon title={unplaced.join('\n')} style={{ marginBottom: 16 }} />}
      <ProspectFields />
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
          {t('common.save')}
        </Button>
        <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
