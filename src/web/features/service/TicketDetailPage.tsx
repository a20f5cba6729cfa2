import { useState } from 'react';
import { Button, Card, Col, Descriptions, Form, Input, List, Row, Space, Steps, Tag, Timeline, Typography, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { Loading, QueryError } from '../../components/QueryState';
import { api, apiUrl } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useAccess } from '../../lib/access';
import { SLA_COLOURS, STEPS, useTicket, useTicketAction } from './api';
import { TicketActions } from './TicketActions';

function CommentForm({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const comment = useTicketAction<{ body: string; attachmentIds?: string[] }>(ticketId, '/comments');
  const submit = async () => {
    const { body } = await form.validateFields();
    const attachmentIds = files.map((f) => (f.response as { id?: string } | undefined)?.id).filter((x): x is string => !!x);
    await comment.mutateAsync({ body, ...(attachmentIds.length ? { attachmentIds } : {}) });
    form.resetFields();
    setFiles([]);
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Form.Item name="body" rules={[{ required: true, message: t('service.detail.commentRequired') }]} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={3} placeholder={t('service.detail.commentPlaceholder')} data-testid="comment-body" />
      </Form.Item>
      <Space wrap>
        <Upload
          fileList={files}
          onChange={({ fileList }) => setFiles(fileList)}
          accept=".pdf,.jpg,.jpeg,.png,.xlsx,.docx"
          customRequest={async ({ file, onSuccess, onError }) => {
            const data = new FormData();
            data.append('file', file as Blob);
            try {
              onSuccess?.(await api.upload(`/tickets/${encodeURIComponent(ticketId)}/attachments`, data));
            } catch (e) {
              onError?.(e as Error);
            }
          }}
        >
          <Button icon={<UploadOutlined />}>{t('service.detail.attach')}</Button>
        </Upload>
        <Button type="primary" htmlType="submit" loading={comment.isPending} data-testid="comment-submit">
          {t('service.detail.send')}
        </Button>
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('service.detail.attachHint')}
        </Typography.Text>
      </div>
    </Form>
  );
}

/** Escalation notes are `first_response+resolution>hq`: worded here in the reader's language. */
function useEventNote() {
  const { t } = useTranslation();
  return (kind: string, note: string) => {
    if (kind === 'assign') return t('service.event.assignedTo', { name: note });
    if (kind !== 'escalate') return note;
    const [clocks, target] = note.split('>');
    return t('service.event.escalatedTo', {
      clocks: clocks
        .split('+')
        .map((c) => t(`service.event.clock.${c}`, { defaultValue: c }))
        .join(' / '),
      target: t(`service.event.target.${target}`, { defaultValue: target }),
    });
  };
}

export default function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAccess();
  const query = useTicket(id);
  const eventNote = useEventNote();
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <QueryError error={query.error} onRetry={() => query.refetch()} backTo={{ path: '/service/board', label: t('service.board.title') }} />;
  const { ticket, events, comments } = query.data;
  const current = STEPS.indexOf(ticket.step);
  return (
    <div>
      <PageHeader
        title={<span data-testid="ticket-subject">{ticket.subject}</span>}
        sub={`${ticket.number} · ${ticket.dealerName}`}
        extra={
          <Tag color={SLA_COLOURS[ticket.sla.colour]} data-testid="ticket-sla">
            {ticket.sla.paused ? t('service.sla.paused') : ticket.sla.breached ? t('service.sla.breached') : t(`service.sla.legend.${ticket.sla.colour}`)}
          </Tag>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps size="small" current={current} items={STEPS.map((s) => ({ title: t(`service.step.${s}`) }))} responsive />
        <div style={{ marginTop: 12 }}>
          <TicketActions detail={query.data} />
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('service.detail.facts')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('service.fields.kind')}>{t(`service.kind.${ticket.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('service.fields.type')}>{t(`service.type.${ticket.type}`)}</Descriptions.Item>
              <Descriptions.Item label={t('service.fields.priority')}>{t(`service.priority.${ticket.priority}`)}</Descriptions.Item>
              <Descriptions.Item label={t('service.fields.channel')}>{t(`service.channel.${ticket.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t('service.fields.department')}>{ticket.department ? t(`service.department.${ticket.department}`) : '-'}</Descriptions.Item>
              <Descriptions.Item label={t('service.fields.assignee')}>
                {ticket.assigneeName ?? '-'}
                {ticket.escalationLevel > 0 && (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {t('service.detail.escalated', { level: ticket.escalationLevel })}
                  </Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('service.sla.firstResponseDue')}>{formatDateTime(ticket.sla.firstResponseDueAt)}</Descriptions.Item>
              <Descriptions.Item label={t('service.sla.resolutionDue')}>{ticket.sla.resolutionDueAt ? formatDateTime(ticket.sla.resolutionDueAt) : t('service.sla.paused')}</Descriptions.Item>
              {ticket.productSku && <Descriptions.Item label={t('service.fields.productSku')}>{ticket.productSku}</Descriptions.Item>}
              {ticket.customer && (
                <Descriptions.Item label={t('service.fields.customer')}>
                  {ticket.customer.name} {ticket.customer.phone ?? ''}
                </Descriptions.Item>
              )}
              {ticket.rating !== null && <Descriptions.Item label={t('service.fields.rating')}>{ticket.rating} / 5</Descriptions.Item>}
              {ticket.reopenCount > 0 && <Descriptions.Item label={t('service.detail.reopened')}>{ticket.reopenCount}</Descriptions.Item>}
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{ticket.description}</Typography.Paragraph>
            {ticket.solution && (
              <Card size="small" type="inner" title={t('service.fields.solution')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{ticket.solution}</Typography.Paragraph>
              </Card>
            )}
          </Card>
          <Card size="small" title={t('service.detail.comments')}>
            <List
              dataSource={comments}
              locale={{ emptyText: t('service.detail.noComments') }}
              data-testid="comments"
              renderItem={(c) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space>
                        <span>{c.authorName}</span>
                        <Tag>{t(`enums.role.${c.authorRole}`, { defaultValue: c.authorRole })}</Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(c.createdAt)}
                        </Typography.Text>
                      </Space>
                    }
                    description={
                      <>
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, color: 'rgba(0,0,0,0.88)' }}>{c.body}</Typography.Paragraph>
                        {c.attachments.map((a) => (
                          <div key={a.id}>
                            <a href={apiUrl(`/ticket-attachments/${a.id}`)}>
                              <PaperClipOutlined /> {a.fileName}
                            </a>
                          </div>
                        ))}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
            {can('tickets.write') && ticket.step !== 'closed' && <CommentForm ticketId={ticket.id} />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('service.detail.timeline')}>
            <Timeline
              data-testid="timeline"
              items={events.map((e) => ({
                color: e.kind === 'escalate' || e.kind === 'reopen' ? 'red' : e.kind === 'comment' ? 'gray' : 'blue',
                children: (
                  <div>
                    <Typography.Text strong>{e.kind === 'step' && e.toStep ? t(`service.step.${e.toStep}`) : t(`service.event.${e.kind}`)}</Typography.Text>
                    {e.rating !== null && <Tag style={{ marginLeft: 6 }}>★ {e.rating}</Tag>}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(e.at)} · {e.actorName}
                      </Typography.Text>
                    </div>
                    {e.note && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{eventNote(e.kind, e.note)}</Typography.Paragraph>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
