import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Rate, Slider, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryState';
import { DealerSelect } from '../dealers/DealerSelect';
import { api } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAccess } from '../../lib/access';
import { pct, type CareReminder, type Survey } from './api';
import { DATE_PATTERN } from '../../../shared/dates.js';

/** A dealer answers the surveys sent to it: satisfaction 1-5 and likelihood to recommend 0-10. */
function PendingSurveys() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['surveys', 'pending'], queryFn: ({ signal }) => api.get<{ items: { id: string; title: string; sentAt: string }[] }>('/surveys/pending', undefined, signal) });
  const answer = useMutation({
    mutationFn: ({ id, ...body }: { id: string; csat: number; nps: number; comment?: string }) => api.post(`/surveys/${id}/responses`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['surveys'] }),
  });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data?.items.length)
    return (
      <Card size="small">
        <Typography.Text type="secondary">{t('service.surveys.nothingPending')}</Typography.Text>
      </Card>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {q.data.items.map((s) => (
        <Card key={s.id} size="small" title={s.title} extra={formatDate(s.sentAt)}>
          <Form layout="vertical" initialValues={{ nps: 8 }} onFinish={(v) => answer.mutate({ id: s.id, ...v })}>
            <Form.Item name="csat" label={t('service.surveys.csatQuestion')} rules={[{ required: true, message: t('service.actions.ratingRequired') }]}>
              <Rate />
            </Form.Item>
            <Form.Item name="nps" label={t('service.surveys.npsQuestion')}>
              <Slider min={0} max={10} marks={{ 0: '0', 5: '5', 10: '10' }} />
            </Form.Item>
            <Form.Item name="comment" label={t('service.surveys.comment')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={answer.isPending}>
              {t('service.surveys.submit')}
            </Button>
          </Form>
        </Card>
      ))}
    </Space>
  );
}

function SurveyResults() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['surveys', 'all'], queryFn: ({ signal }) => api.get<{ items: Survey[] }>('/surveys', undefined, signal) });
  const create = useMutation({
    mutationFn: (body: unknown) => api.post('/surveys', body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['surveys'] });
      setCreating(false);
      form.resetFields();
    },
  });
  return (
    <>
      {can('relations.write') && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
          {t('service.surveys.new')}
        </Button>
      )}
      {q.error ? (
        <QueryError error={q.error} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 700 }}
          columns={[
            { title: t('service.surveys.titleCol'), dataIndex: 'title' },
            { title: t('service.surveys.sentAt'), dataIndex: 'sentAt', render: formatDateTime },
            { title: t('service.surveys.responses'), key: 'r', render: (_, s) => `${s.responses} / ${s.recipients} (${pct(s.responseRate)})` },
            { title: 'CSAT', dataIndex: 'csat', render: (v) => (v === null ? '-' : `${v}%`) },
            { title: 'NPS', dataIndex: 'nps', render: (v) => (v === null ? '-' : <Tag color={v >= 30 ? 'green' : v >= 0 ? 'orange' : 'red'}>{v}</Tag>) },
          ]}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('service.surveys.scoreHint')}
      </Typography.Paragraph>
      <Modal
        open={creating}
        title={t('service.surveys.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.validateFields().then((v) => create.mutate(v))}
        okButtonProps={{ loading: create.isPending }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('service.surveys.titleCol')} rules={[{ required: true }]}>
            <Input placeholder={t('service.surveys.titlePlaceholder')} />
          </Form.Item>
          <Typography.Text type="secondary">{t('service.surveys.sendHint')}</Typography.Text>
        </Form>
      </Modal>
    </>
  );
}

function CareCalendar() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [recording, setRecording] = useState<{ dealerId?: string; kind: string; period: string } | null>(null);
  const q = useQuery({ queryKey: ['relations', 'reminders'], queryFn: ({ signal }) => api.get<{ items: CareReminder[] }>('/relations/reminders', undefined, signal) });
  const record = useMutation({
    mutationFn: (body: unknown) => api.post('/relations/activities', body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['relations'] });
      setRecording(null);
      form.resetFields();
    },
  });
  return (
    <>
      {q.error ? (
        <QueryError error={q.error} />
      ) : (
        <Table
          size="small"
          rowKey={(r) => `${r.dealerId}-${r.kind}`}
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          scroll={{ x: 760 }}
          columns={[
            { title: t('service.fields.dealer'), dataIndex: 'dealerName' },
            { title: t('service.care.kind'), dataIndex: 'kind', render: (v) => t(`service.care.kinds.${v}`) },
            { title: t('service.care.period'), dataIndex: 'period' },
            { title: t('service.care.dueOn'), dataIndex: 'dueOn', render: formatDate },
            {
              title: t('service.care.state'),
              key: 's',
              render: (_, r) =>
                r.heldOn ? (
                  <Tag color="green">{t('service.care.held', { date: r.heldOn })}</Tag>
                ) : (
                  <Tag color={r.daysLeft <= 14 ? 'red' : 'orange'}>{t('service.care.daysLeft', { n: r.daysLeft })}</Tag>
                ),
            },
            ...(can('relations.write')
              ? [
                  {
                    title: '',
                    key: 'a',
                    render: (_: unknown, r: CareReminder) => !r.heldOn && <a onClick={() => setRecording({ dealerId: r.dealerId, kind: r.kind, period: r.period })}>{t('service.care.record')}</a>,
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        open={!!recording}
        title={recording ? t(`service.care.kinds.${recording.kind}`) : ''}
        onCancel={() => setRecording(null)}
        okButtonProps={{ loading: record.isPending }}
        onOk={() =>
          form.validateFields().then((v) =>
            record.mutate({
              ...recording,
              ...v,
              attendees: String(v.attendees ?? '')
                .split(/[,，、\s]+/)
                .filter(Boolean),
              notes: v.notes ?? '',
            }),
          )
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item label={t('service.fields.dealer')}>
            <DealerSelect value={recording?.dealerId} />
          </Form.Item>
          <Form.Item name="heldOn" label={t('service.care.heldOn')} rules={[{ required: true, pattern: new RegExp(DATE_PATTERN) }]}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="attendees" label={t('service.care.attendees')}>
            <Input placeholder={t('service.care.attendeesHint')} />
          </Form.Item>
          <Form.Item name="notes" label={t('service.care.notes')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function SurveysPage() {
  const { t } = useTranslation();
  const { can, isDealerUser } = useAccess();
  const tabs = [
    ...(isDealerUser && can('surveys.respond') ? [{ key: 'pending', label: t('service.surveys.pending'), children: <PendingSurveys /> }] : []),
    ...(can('relations.read')
      ? [
          { key: 'results', label: t('service.surveys.results'), children: <SurveyResults /> },
          { key: 'care', label: t('service.care.title'), children: <CareCalendar /> },
        ]
      : []),
  ];
  return (
    <div>
      <PageHeader title={t('service.surveys.title')} sub={t('service.surveys.sub')} />
      <Tabs items={tabs} />
    </div>
  );
}
