import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Result, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { applyFieldErrors, errorTitle } from '../../lib/errors';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import type { PublicApplicationBody } from '../../../shared/schemas/recruitment.js';
import { submitApplication } from './api';
import { ProspectFields, toBody, type ProspectFormValues } from './ProspectFields';

const FIELDS = ['name', 'contactName', 'phone', 'regionCodes', 'unifiedSocialCreditCode', 'email', 'contactTitle', 'legalRepresentative', 'foundedYear', 'address', 'businessScope', 'notes'];

/**
 * The public dealer application (no login). `website` is a honeypot: people never see it, bots
 * fill it, and the server answers them the same "received" while storing nothing.
 */
export default function ApplyPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProspectFormValues & { website?: string }>();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const submit = useMutation({
    mutationFn: (values: ProspectFormValues & { website?: string }) =>
      submitApplication({ ...(toBody(values, false) as PublicApplicationBody), ...(values.website ? { website: values.website } : {}) }),
    onError: (error) => setUnplaced(applyFieldErrors(form, error, t, { fields: FIELDS })),
    meta: { silent: true },
  });

  useEffect(() => {
    document.title = `${t('recruitment.apply.title')} · ${t('layout.brand')}`;
  }, [t]);

  const error = submit.error;
  return (
    <Flex className="qd-login-bg" vertical align="center" style={{ padding: '24px 12px' }} data-testid="apply-page">
      <Flex justify="space-between" align="center" style={{ width: '100%', maxWidth: 880, marginBottom: 16 }} gap={8} wrap>
        <Flex align="center" gap={10}>
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            渠道 <span style={{ fontWeight: 400, color: '#595959' }}>Qudao</span>
          </Typography.Title>
        </Flex>
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 880 }}>
        {submit.isSuccess ? (
          <Result
            status="success"
            title={t('recruitment.apply.successTitle')}
            subTitle={t('recruitment.apply.successText')}
            data-testid="apply-success"
            extra={
              <Button
                onClick={() => {
                  form.resetFields();
                  submit.reset();
                }}
                data-testid="apply-again"
              >
                {t('recruitment.apply.again')}
              </Button>
            }
          />
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="page-title">
              {t('recruitment.apply.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('recruitment.apply.intro')}</Typography.Paragraph>
            {error && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="apply-error"
                title={isApiError(error) && error.code === 'RATE_LIMITED' ? t('recruitment.apply.rateLimited') : errorTitle(t, error)}
                description={unplaced.length ? unplaced.join('\n') : isApiError(error) && error.code === 'NETWORK' ? t('errors.network') : undefined}
              />
            )}
            <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} scrollToFirstError requiredMark>
              <ProspectFields publicForm />
              {/* The honeypot: off-screen, out of the tab order, ignored by screen readers and autofill. */}
              <div aria-hidden="true" style={{ position: 'absolute', left: -10000, top: 'auto', width: 1, height: 1, overflow: 'hidden' }}>
                <Form.Item name="website" label="Website">
                  <Input tabIndex={-1} autoComplete="off" data-testid="field-website" />
                </Form.Item>
              </div>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('recruitment.apply.privacy')}
              </Typography.Paragraph>
              <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending} data-testid="apply-submit">
                {t('recruitment.apply.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </Flex>
  );
}
