import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TradeSettings } from '../../../shared/schemas/orders.js';
import { applyFieldErrors } from '../../lib/errors';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryState';
import { useSaveTradeSettings, useTradeSettings } from './api';

const FIELDS: (keyof TradeSettings)[] = ['creditHoldOverdueDays', 'overdueReminderDays', 'idempotencyRetentionDays'];

/** The trade rules HQ may change; each save is audited with the values before and after. */
export default function TradeSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TradeSettings>();
  const settings = useTradeSettings();
  const save = useSaveTradeSettings();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  const submit = async () => {
    const values = await form.validateFields();
    save.mutate(values, { onSuccess: () => void message.success(t('common.saved')), onError: (e) => applyFieldErrors(form, e, t, { fields: FIELDS }) });
  };
  return (
    <div data-testid="trade-settings-page" style={{ maxWidth: 720 }}>
      <PageHeader
        title={t('trade.menu.settings')}
        sub={t('trade.settings.subtitle')}
        extra={
          <Link to="/settings?key=orders.trade" data-testid="trade-settings-history">
            {t('trade.settings.history')}
          </Link>
        }
      />
      <Card size="small" loading={settings.isLoading}>
        <Form form={form} layout="vertical">
          {FIELDS.map((field) => (
            <Form.Item key={field} name={field} label={t(`trade.settings.${field}`)} extra={t(`trade.settings.${field}Help`)} rules={[{ required: true, message: t('errors.field.required') }]}>
              <InputNumber<number> min={1} max={3650} precision={0} suffix={t('trade.settings.days')} style={{ width: 200 }} data-testid={`setting-${field}`} />
            </Form.Item>
          ))}
          <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={submit} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
