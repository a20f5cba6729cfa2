import { useState } from 'react';
import { Badge, Button, Card, Collapse, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryState';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useAccess } from '../../lib/access';
import type { Announcement } from './api';

interface Receipts {
  readers: { userName: string; dealerName: string | null; readAt: string }[];
  dealersRead: number;
  dealersTotal: number;
  unreadDealers: { id: string; code: string; name: string }[];
}

function ReceiptsModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['announcements', 'receipts', id], queryFn: ({ signal }) => api.get<Receipts>(`/announcements/${id}/receipts`, undefined, signal) });
  return (
    <Modal open onCancel={onClose} footer={null} width={720} title={t('service.ann.receipts')}>
      {q.data && (
        <>
          <Typography.Paragraph>{t('service.ann.readSummary', { read: q.data.dealersRead, total: q.data.dealersTotal })}</Typography.Paragraph>
          <Table
            size="small"
            rowKey={(r) => `${r.userName}${r.readAt}`}
            pagination={{ pageSize: 8 }}
            dataSource={q.data.readers}
            columns={[
              { title: t('service.ann.reader'), dataIndex: 'userName' },
              { title: t('service.fields.dealer'), dataIndex: 'dealerName', render: (v) => v ?? t('service.ann.hq') },
              { title: t('service.ann.readAt'), dataIndex: 'readAt', render: formatDateTime },
            ]}
          />
          {q.data.unreadDealers.length > 0 && (
            <>
              <Typography.Text strong>{t('service.ann.unread')}</Typography.Text>
              <div style={{ marginTop: 6 }}>
                {q.data.unreadDealers.slice(0, 60).map((d) => (
                  <Tag key={d.id}>{d.name}</Tag>
                ))}
              </div>
            </>
          )}
        </>
      )}
    </Modal>
  );
}

/** Announcements, policy documents and meeting records; opening one records the read receipt. */
export default function AnnouncementsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const qc = useQueryClient();
  const [kind, setKind] = useState('');
  const [creating, setCreating] = useState(false);
  const [receipts, setReceipts] = useState<string | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['announcements', kind], queryFn: ({ signal }) => api.get<{ items: Announcement[] }>('/announcements', { kind: kind || undefined }, signal) });
  const read = useMutation({ mutationFn: (id: string) => api.post(`/announcements/${id}/read`), onSuccess: () => qc.invalidateQueries({ queryKey: ['announcements'] }) });
  const publish = useMutation({
    mutationFn: (body: unknown) => api.post('/announcements', body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['announcements'] });
      setCreating(false);
      form.resetFields();
    },
  });
  return (
    <div>
      <PageHeader
        title={t('service.ann.title')}
        sub={t('service.ann.sub')}
        extra={
          can('announcements.publish') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('service.ann.publish')}
            </Button>
          )
        }
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={kind}
        onChange={(v) => setKind(String(v))}
        options={[{ value: '', label: t('service.board.all') }, ...['announcement', 'policy', 'meeting'].map((k) => ({ value: k, label: t(`service.ann.kind.${k}`) }))]}
      />
      {list.error ? (
        <QueryError error={list.error} />
      ) : (
        <Card size="small" loading={list.isLoading}>
          <Collapse
            accordion
            onChange={(keys) => {
              const id = [keys].flat()[0];
              const a = list.data?.items.find((x) => x.id === id);
              if (a && !a.readByMe) read.mutate(a.id);
            }}
            items={(list.data?.items ?? []).map((a) => ({
              key: a.id,
              label: (
                <Space wrap>
                  {!a.readByMe && <Badge status="processing" />}
                  <Tag color={a.kind === 'policy' ? 'blue' : a.kind === 'meeting' ? 'purple' : 'default'}>{t(`service.ann.kind.${a.kind}`)}</Tag>
                  <Typography.Text strong={!a.readByMe}>{a.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(a.publishedAt)}
                  </Typography.Text>
                </Space>
              ),
              extra: can('announcements.publish') ? (
                <a
                  onClick={(e) => {
                    e.stopPropagation();
                    setReceipts(a.id);
                  }}
                >
                  {t('service.ann.readCount', { n: a.readCount })}
                </a>
              ) : null,
              children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.body}</Typography.Paragraph>,
            }))}
          />
        </Card>
      )}
      {receipts && <ReceiptsModal id={receipts} onClose={() => setReceipts(null)} />}
      <Modal
        open={creating}
        title={t('service.ann.publish')}
        onCancel={() => setCreating(false)}
        onOk={() => form.validateFields().then((v) => publish.mutate(v))}
        okButtonProps={{ loading: publish.isPending }}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'announcement' }}>
          <Form.Item name="kind" label={t('service.ann.kindLabel')}>
            <Select options={['announcement', 'policy', 'meeting'].map((k) => ({ value: k, label: t(`service.ann.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('service.fields.subject')} rules={[{ required: true, message: t('service.new.subjectRequired') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label={t('service.fields.description')} rules={[{ required: true, message: t('service.new.descriptionRequired') }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
