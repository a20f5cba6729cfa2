import { useState } from 'react';
import { Button, Card, Empty, Form, Input, Modal, Progress, Radio, Skeleton, Space, Table, Tag, Typography, Upload, type ButtonProps } from 'antd';
import { DeleteOutlined, EditOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ITEM_STATUSES, type ChecklistItem, type ItemStatus, type Prospect } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { download } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { QueryError } from '../../components/QueryState';
import { useChecklists, useDeleteEvidence, useUpdateItem, useUploadEvidence } from './api';
import { catalogName } from './labels';

const STATUS_COLORS: Record<ItemStatus, string> = { pending: 'default', in_progress: 'processing', verified: 'success', issue: 'error', not_applicable: 'default' };
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.xlsx,.docx';
const MAX_BYTES = 10 * 1024 * 1024;

function ItemModal({ prospectId, item, onClose }: { prospectId: string; item: ChecklistItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ owner?: string; status: ItemStatus; note?: string }>();
  const update = useUpdateItem(prospectId);
  return (
    <Modal
      open={!!item}
      title={item ? `${item.code} ${catalogName(t, 'checklistItems', item.key, item.name)}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'item-save' } as ButtonProps}
      destroyOnHidden
    >
      {item && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ owner: item.owner ?? '', status: item.status, note: item.note ?? '' }}
          onFinish={(v) => update.mutate({ itemId: item.id, body: { owner: v.owner?.trim() || null, status: v.status, note: v.note?.trim() || null } }, { onSuccess: onClose })}
        >
          <Form.Item name="owner" label={t('recruitment.dd.owner')}>
            <Input maxLength={100} data-testid="item-owner" />
          </Form.Item>
          <Form.Item name="status" label={t('recruitment.dd.status')}>
            <Radio.Group optionType="button" options={ITEM_STATUSES.map((s) => ({ value: s, label: <span data-testid={`item-status-${s}`}>{t(`recruitment.dd.statuses.${s}`)}</span> }))} />
          </Form.Item>
          <Form.Item name="note" label={t('recruitment.dd.note')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="item-note" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function EvidenceCell({ prospectId, item, editable }: { prospectId: string; item: ChecklistItem; editable: boolean }) {
  const { t } = useTranslation();
  const upload = useUploadEvidence(prospectId);
  const remove = useDeleteEvidence(prospectId);
  return (
    <Space orientation="vertical" size={2}>
      {item.evidence.map((e) => (
        <Space key={e.id} size={4} data-testid="evidence-file">
          <Button type="link" size="small" icon={<PaperClipOutlined />} style={{ padding: 0 }} onClick={() => void download(`/prospects/${prospectId}/evidence/${e.id}`, undefined, e.fileName)}>
            {e.fileName}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {Math.max(1, Math.round(e.sizeBytes / 1024))} KB · {e.uploadedBy}
          </Typography.Text>
          {editable && <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove.mutate(e.id)} aria-label={t('common.delete')} />}
        </Space>
      ))}
      {editable && (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            // Refused here before the upload; the server enforces the same limits.
            if (file.size > MAX_BYTES) {
              Modal.error({ title: t('recruitment.dd.tooLarge') });
              return Upload.LIST_IGNORE;
            }
            upload.mutate({ itemId: item.id, file });
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid="evidence-upload">
            {t('recruitment.dd.upload')}
          </Button>
        </Upload>
      )}
    </Space>
  );
}

/** Checklists A (background), B (finances), C (compliance & fit): owner, status, note and evidence per item. */
export function DueDiligenceTab({ prospect, started }: { prospect: Prospect; started: boolean }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const checklists = useChecklists(prospect.id, started);
  const [editing, setEditing] = useState<ChecklistItem | null>(null);
  const editable = can('prospects.write') && prospect.stage === 'due_diligence';
  if (!started) return <Empty description={t('recruitment.dd.notStarted')} />;
  if (checklists.isLoading) return <Skeleton active />;
  if (checklists.isError) return <QueryError error={checklists.error} onRetry={() => void checklists.refetch()} />;
  const lists = checklists.data?.checklists ?? [];
  if (!lists.some((l) => l.items.length)) return <Empty description={t('recruitment.dd.notStarted')} />;
  const open = lists.reduce((s, l) => s + l.open, 0);
  const total = lists.reduce((s, l) => s + l.total, 0);

  return (
    <div data-testid="dd-tab">
      <Space style={{ marginBottom: 12 }} wrap>
        <Progress type="circle" size={48} percent={Math.round(((total - open) / Math.max(total, 1)) * 100)} />
        <Typography.Text data-testid="dd-open">{open ? t('recruitment.dd.openCount', { open, total }) : t('recruitment.dd.complete')}</Typography.Text>
      </Space>
      {lists.map((list) => (
        <Card
          key={list.checklist}
          size="small"
          style={{ marginBottom: 12 }}
          title={`${list.checklist}. ${catalogName(t, 'checklists', list.checklist, list.name)}`}
          extra={<Tag>{t('recruitment.dd.closedOf', { closed: list.total - list.open, total: list.total })}</Tag>}
          data-testid={`checklist-${list.checklist}`}
        >
          <Table<ChecklistItem>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={list.items}
            onRow={(item) => ({ 'data-testid': 'dd-item', 'data-code': item.code }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: '#', dataIndex: 'code', width: 50 },
              {
                title: t('recruitment.dd.item'),
                key: 'name',
                render: (_, i) => <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 320 }}>{catalogName(t, 'checklistItems', i.key, i.name)}</span>,
              },
              { title: t('recruitment.dd.owner'), dataIndex: 'owner', render: (v: string | null) => v || '-' },
              {
                title: t('recruitment.dd.status'),
                dataIndex: 'status',
                render: (s: ItemStatus) => (
                  <Tag color={STATUS_COLORS[s]} data-testid="item-status-tag" data-status={s}>
                    {t(`recruitment.dd.statuses.${s}`)}
                  </Tag>
                ),
              },
              {
                title: t('recruitment.dd.note'),
                dataIndex: 'note',
                render: (v: string | null) => (
                  <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 240 }}>
                    {v || '-'}
                  </Typography.Text>
                ),
              },
              { title: t('recruitment.dd.evidence'), key: 'evidence', render: (_, i) => <EvidenceCell prospectId={prospect.id} item={i} editable={editable} /> },
              { title: t('common.updatedAt'), key: 'updated', render: (_, i) => (i.updatedBy ? `${formatDateTime(i.updatedAt)} ${i.updatedBy}` : '-') },
              ...(editable
                ? [
                    {
                      title: t('common.actions'),
                      key: 'edit',
                      render: (_: unknown, i: ChecklistItem) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)} data-testid="item-edit" />,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      ))}
      <ItemModal prospectId={prospect.id} item={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
