import { useState } from 'react';
import { Button, Card, Form, Input, Rate, Result, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { Loading } from '../../components/QueryState';

/** The customer's confirmation page (signed link, no login): rate the solution once. */
export default function ConfirmPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const { t } = useTranslation();
  const [done, setDone] = useState<{ step: string } | null>(null);
  const view = useQuery({
    queryKey: ['confirm', id, token],
    queryFn: () => api.get<{ number: string; subject: string; solution: string | null }>(`/public/tickets/${encodeURIComponent(id)}/confirmation`, { token }),
    retry: false,
    meta: { silent: true },
  });
  const submit = useMutation({
    mutationFn: (v: { rating: number; comment?: string }) => api.post<{ step: string }>(`/public/tickets/${encodeURIComponent(id)}/confirmation`, { token, ...v }),
    onSuccess: setDone,
    meta: { silent: true },
  });
  const box = (children: React.ReactNode) => <div style={{ maxWidth: 560, margin: '48px auto', padding: 16 }}>{children}</div>;
  if (view.isLoading) return <Loading />;
  if (done) return box(<Result status="success" title={t(done.step === 'verified' ? 'service.confirm.thanks' : 'service.confirm.reopened')} />);
  if (view.error || !view.data) return box(<Result status="warning" title={t('service.confirm.invalid')} subTitle={t('service.confirm.invalidHint')} />);
  return box(
    <Card title={t('service.confirm.title')}>
      <Typography.Paragraph type="secondary">{view.data.number}</Typography.Paragraph>
      <Typography.Title level={5}>{view.data.subject}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12 }}>{view.data.solution}</Typography.Paragraph>
      <Form layout="vertical" onFinish={(v) => submit.mutate(v)}>
        <Form.Item name="rating" label={t('service.confirm.question')} rules={[{ required: true, message: t('service.actions.ratingRequired') }]}>
          <Rate />
        </Form.Item>
        <Form.Item name="comment" label={t('service.surveys.comment')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {submit.error && <Typography.Paragraph type="danger">{t('service.confirm.invalid')}</Typography.Paragraph>}
        <Button type="primary" htmlType="submit" block loading={submit.isPending}>
          {t('service.confirm.submit')}
        </Button>
      </Form>
    </Card>,
  );
}
