import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ENDING_STATUSES, manualTargets } from '../../../shared/dealer-lifecycle.js';
import type { Dealer, DealerStatus } from '../../../shared/schemas/dealers.js';
import { useAccess } from '../../lib/access';
import { formatDate, formatDateTime, formatFen } from '../../lib/format';
import { CursorTable } from '../../components/CursorTable';
import { StatusTag, STATUS_CHART_COLORS, TierTag } from '../../components/EnumTags';
import { PageHeader } from '../../components/PageHeader';
import { Loading, QueryError } from '../../components/QueryState';
import { AuditTable } from '../audit/AuditTable';
import { useDealer, useDealerEvents, useDealerList } from './api';
import { dealerColumns } from './columns';
import { DealerName } from './DealerName';
import { TerritoryTree } from './TerritoryTree';
import { TransitionModal } from './TransitionModal';

function Profile({ dealer }: { dealer: Dealer }) {
  const { t } = useTranslation();
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
        data-testid="dealer-profile"
        items={[
          { key: 'code', label: t('dealers.fields.code'), children: <Typography.Text copyable>{dealer.code}</Typography.Text> },
          { key: 'name', label: t('dealers.fields.name'), children: dealer.name },
          { key: 'status', label: t('dealers.fields.status'), children: <StatusTag status={dealer.status} /> },
          { key: 'level', label: t('dealers.fields.level'), children: t(`enums.level.${dealer.level}`) },
          { key: 'parent', label: t('dealers.fields.parent'), children: <DealerName id={dealer.parentDealerId} /> },
          { key: 'tier', label: t('dealers.fields.tier'), children: <TierTag tier={dealer.tier} /> },
          { key: 'credit', label: t('dealers.fields.creditLimit'), children: formatFen(dealer.creditLimitFen) },
          { key: 'terms', label: t('dealers.fields.paymentTermDays'), children: t('dealers.days', { count: dealer.paymentTermDays }) },
          { key: 'vmi', label: t('dealers.fields.vmi'), children: dealer.vmi ? t('common.yes') : t('common.no') },
          {
            key: 'contract',
            label: t('dealers.fields.contract'),
            children: dealer.contractStartsOn || dealer.contractEndsOn ? `${formatDate(dealer.contractStartsOn)} ~ ${formatDate(dealer.contractEndsOn)}` : '-',
          },
          { key: 'uscc', label: t('dealers.fields.uscc'), children: dealer.unifiedSocialCreditCode ?? '-' },
          { key: 'address', label: t('dealers.fields.address'), children: dealer.address ?? '-' },
          { key: 'created', label: t('common.createdAt'), children: formatDateTime(dealer.createdAt) },
          { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(dealer.updatedAt) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('dealers.form.sectionContacts')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(c) => `${c.name}-${c.phone ?? ''}-${c.email ?? ''}`}
        dataSource={dealer.contacts}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dealers.form.noContacts')} /> }}
        columns={[
          {
            title: t('dealers.contact.name'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <Space size={4}>
                {name}
                {c.primary && <Tag color="blue">{t('dealers.contact.primary')}</Tag>}
              </Space>
            ),
          },
          { title: t('dealers.contact.title'), dataIndex: 'title', render: (v?: string) => v || '-' },
          { title: t('dealers.contact.phone'), dataIndex: 'phone', render: (v?: string) => v || '-' },
          { title: t('dealers.contact.email'), dataIndex: 'email', render: (v?: string) => v || '-' },
        ]}
      />
    </>
  );
}

function Lifecycle({ dealer }: { dealer: Dealer }) {
  const { t } = useTranslation();
  const events = useDealerEvents(dealer.id);
  if (events.isLoading) return <Skeleton active />;
  if (events.isError) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  const items = [...(events.data?.items ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dealers.lifecycle.empty')} />;
  return (
    <Timeline
      data-testid="lifecycle-timeline"
      items={items.map((e) => ({
        key: e.id,
        color: STATUS_CHART_COLORS[e.toStatus],
        content: (
          <div data-testid="lifecycle-event">
            <Typography.Text strong style={{ marginRight: 8 }}>
              {formatDateTime(e.at)}
            </Typography.Text>
            <Space size={6} wrap>
              {e.fromStatus ? <StatusTag status={e.fromStatus} /> : <Tag>{t('dealers.lifecycle.created')}</Tag>}
              <span>→</span>
              <StatusTag status={e.toStatus} />
              <Typography.Text type="secondary">{t('dealers.lifecycle.by', { name: e.actorName })}</Typography.Text>
            </Space>
            <div style={{ marginTop: 4 }}>
              <Typography.Text type="secondary">{t('dealers.transition.reason')}: </Typography.Text>
              {e.reason || '-'}
            </div>
          </div>
        ),
      }))}
    />
  );
}

function SubDealers({ dealer }: { dealer: Dealer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useDealerList({ parentDealerId: dealer.id }, 100);
  const columns = useMemo(() => dealerColumns(t).filter((c) => c.key !== 'parent' && c.key !== 'level'), [t]);
  return (
    <CursorTable<Dealer>
      query={list}
      rowKey="id"
      columns={columns}
      size="small"
      emptyText={t('dealers.noSubDealers')}
      rowClassName={() => 'qd-clickable-row'}
      onRow={(d) => ({ onClick: () => navigate(`/dealers/${d.id}`), 'data-testid': 'sub-dealer-row' }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}

export default function DealerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can, user } = useAccess();
  const navigate = useNavigate();
  const dealer = useDealer(id, { silent: true });
  const [target, setTarget] = useState<DealerStatus | null>(null);

  if (dealer.isLoading) return <Loading />;
  if (dealer.isError || !dealer.data)
    return <QueryError error={dealer.error} onRetry={() => void dealer.refetch()} notFoundTitle={t('dealers.notFound')} backTo={{ path: '/dealers', label: t('dealers.backToList') }} />;
  const d = dealer.data;
  // Only the moves the bare transitions route makes for this role; the rest belong to their
  // workflows (terminations, warnings, recruitment: src/shared/dealer-lifecycle.ts).
  const nextStatuses = user ? manualTargets(d.status, user.role) : [];

  const tabs = [
    { key: 'profile', label: t('dealers.detail.tabProfile'), children: <Profile dealer={d} /> },
    { key: 'territory', label: t('dealers.detail.tabTerritory', { count: d.territory.length }), children: <TerritoryTree dealer={d} /> },
    ...(d.level === 1 ? [{ key: 'subs', label: t('dealers.detail.tabSubDealers'), children: <SubDealers dealer={d} /> }] : []),
    { key: 'lifecycle', label: t('dealers.detail.tabLifecycle'), children: <Lifecycle dealer={d} /> },
    ...(can('audit.read') ? [{ key: 'audit', label: t('dealers.detail.tabAudit'), children: <AuditTable filters={{ entityType: 'dealer', entityId: d.id }} showEntity={false} /> }] : []),
  ];

  return (
    <div data-testid="dealer-detail-page">
      <PageHeader
        title={
          <Space wrap size={8}>
            <span data-testid="dealer-title">{d.name}</span>
            <StatusTag status={d.status} />
          </Space>
        }
        sub={
          <Space size={8} wrap>
            <Typography.Text code>{d.code}</Typography.Text>
            <span>{t(`enums.level.${d.level}`)}</span>
            <TierTag tier={d.tier} />
          </Space>
        }
        extra={
          <>
            {can('dealers.transition') &&
              nextStatuses.map((to) => (
                <Button key={to} icon={<SwapOutlined />} danger={(ENDING_STATUSES as readonly DealerStatus[]).includes(to)} onClick={() => setTarget(to)} data-testid={`transition-${to}`}>
                  {t(`dealers.transition.to.${to}`)}
                </Button>
              ))}
            {can('dealers.write') && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/dealers/${d.id}/edit`)} data-testid="edit-dealer">
                {t('common.edit')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <Tabs items={tabs} data-testid="dealer-tabs" destroyOnHidden />
      </Card>
      <TransitionModal dealer={d} to={target} onClose={() => setTarget(null)} />
    </div>
  );
}
