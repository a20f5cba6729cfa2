import { useState } from 'react';
import { Badge, Button, Card, Empty, Flex, Grid, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ExportButton } from '../../components/ExportButton';
import { Loading, QueryError } from '../../components/QueryState';
import { formatDateTime } from '../../lib/format';
import { useAccess } from '../../lib/access';
import { SLA_COLOURS, STEPS, useTicketBoard, type Ticket } from './api';

const CLOSED_SHOWN = 8;

/** The due time the board shows: the first response until answered, then the resolution. */
const dueOf = (t: Ticket) => (t.firstResponseAt ? t.sla.resolutionDueAt : t.sla.firstResponseDueAt);

function TicketCard({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const due = dueOf(ticket);
  return (
    <Link to={`/service/tickets/${ticket.id}`} data-testid={`ticket-card-${ticket.number}`}>
      <Card
        size="small"
        hoverable
        style={{ borderLeft: `4px solid ${ticket.sla.colour === 'red' ? '#ff4d4f' : ticket.sla.colour === 'amber' ? '#faad14' : ticket.sla.colour === 'green' ? '#52c41a' : '#d9d9d9'}` }}
      >
        <Flex justify="space-between" gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ticket.number}
          </Typography.Text>
          {ticket.priority === 'urgent' && <Tag color="red">{t('service.priority.urgent')}</Tag>}
        </Flex>
        <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>
          {ticket.subject}
        </Typography.Paragraph>
        <Typography.Text style={{ fontSize: 12 }}>{ticket.dealerName}</Typography.Text>
        <Flex gap={4} wrap style={{ marginTop: 6 }}>
          <Tag>{t(`service.kind.${ticket.kind}`)}</Tag>
          <Tag>{t(`service.type.${ticket.type}`)}</Tag>
          <Tooltip title={t(ticket.firstResponseAt ? 'service.sla.resolutionDue' : 'service.sla.firstResponseDue')}>
            <Tag color={SLA_COLOURS[ticket.sla.colour]} data-testid="sla-tag">
              {ticket.sla.paused ? t('service.sla.paused') : ticket.sla.breached ? t('service.sla.breached') : due ? formatDateTime(due) : '-'}
            </Tag>
          </Tooltip>
        </Flex>
        {ticket.assigneeName && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('service.fields.assignee')}: {ticket.assigneeName}
          </Typography.Text>
        )}
      </Card>
    </Link>
  );
}

export default function ServiceBoardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAccess();
  const [kind, setKind] = useState<string>('');
  const [breached, setBreached] = useState(false);
  const params = { kind: kind || undefined, breached: breached || undefined };
  const board = useTicketBoard(params);
  // On a phone the steps stack (empty ones hidden) instead of scrolling sideways.
  const wide = Grid.useBreakpoint().md !== false;
  return (
    <div>
      <PageHeader
        title={t('service.board.title')}
        sub={t('service.board.sub')}
        extra={
          <Space wrap>
            <ExportButton path="/tickets" params={params} filename="tickets" />
            {can('tickets.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/service/tickets/new')} data-testid="new-ticket">
                {t('service.board.new')}
              </Button>
            )}
          </Space>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={kind}
          onChange={(v) => setKind(String(v))}
          options={[
            { value: '', label: t('service.board.all') },
            { value: 'dealer_request', label: t('service.kind.dealer_request') },
            { value: 'customer_feedback', label: t('service.kind.customer_feedback') },
          ]}
        />
        <Segmented
          value={breached ? 'b' : 'a'}
          onChange={(v) => setBreached(v === 'b')}
          options={[
            { value: 'a', label: t('service.board.allClocks') },
            { value: 'b', label: t('service.sla.breached') },
          ]}
        />
        <Space size={4} wrap>
          {(['green', 'amber', 'red', 'grey'] as const).map((c) => (
            <Tag key={c} color={SLA_COLOURS[c]}>
              {t(`service.sla.legend.${c}`)}
            </Tag>
          ))}
        </Space>
      </Flex>
      {board.isLoading ? (
        <Loading />
      ) : board.error ? (
        <QueryError error={board.error} onRetry={() => board.refetch()} />
      ) : (
        <div style={{ overflowX: 'auto', paddingBottom: 8 }}>
          <Flex gap={12} vertical={!wide} style={wide ? { minWidth: 6 * 190 } : undefined} data-testid="ticket-board">
            {STEPS.filter((step) => wide || (board.data?.items ?? []).some((x) => x.step === step)).map((step) => {
              const all = (board.data?.items ?? []).filter((x) => x.step === step);
              // closed tickets pile up: the board shows the latest few (the list export has them all)
              const items = step === 'closed' ? all.slice(0, CLOSED_SHOWN) : all;
              return (
                <div key={step} style={{ flex: '1 1 0', minWidth: 180, background: '#f5f5f5', borderRadius: 8, padding: 8 }} data-testid={`column-${step}`}>
                  <Flex justify="space-between" style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{t(`service.step.${step}`)}</Typography.Text>
                    <Badge count={all.length} overflowCount={999} showZero color="#8c8c8c" />
                  </Flex>
                  <Flex vertical gap={8}>
                    {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.board.empty')} /> : items.map((x) => <TicketCard key={x.id} ticket={x} />)}
                  </Flex>
                </div>
              );
            })}
          </Flex>
        </div>
      )}
    </div>
  );
}
