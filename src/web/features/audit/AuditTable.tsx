import { useMemo } from 'react';
import { Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import i18n from '../../i18n/index';
import type { AuditEntry } from '../../../shared/schemas/platform.js';
import { formatDateTime } from '../../lib/format';
import { CursorTable } from '../../components/CursorTable';
import { useAuditList, type AuditFilters } from './api';

function ChangeView({ change }: { change: unknown }) {
  if (change === null || change === undefined) return <Typography.Text type="secondary">-</Typography.Text>;
  const text = JSON.stringify(change, null, 2);
  return (
    <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, background: '#fafafa', padding: 8, borderRadius: 4 }} data-testid="audit-change">
      {text}
    </pre>
  );
}

/** "order.ship" -> its own translation, else entity + verb ("订单 发货" / "Order shipped"). */
function actionLabel(t: TFunction, action: string): string {
  const key = `audit.actions.${action.replace(/\./g, '_')}`;
  if (i18n.exists(key)) return t(key);
  const [entity, ...rest] = action.split('.');
  const verb = rest[rest.length - 1] ?? '';
  const snake = entity.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const entityKey = i18n.exists(`audit.entityTypes.${snake}`) ? `audit.entityTypes.${snake}` : `audit.entityTypes.${entity}`;
  if (!i18n.exists(entityKey) || !i18n.exists(`audit.verbs.${verb}`)) return action;
  return t('audit.composedAction', { entity: t(entityKey), verb: t(`audit.verbs.${verb}`) });
}

const actionColor = (action: string) => (/delete|revoke|deactivat|terminat/i.test(action) ? 'red' : /create|insert|import/i.test(action) ? 'green' : /login|logout/i.test(action) ? 'default' : 'blue');

/** The audit log, optionally of one entity: who did what, when, and the entry's chained hash. */
export function AuditTable({ filters, showEntity = true }: { filters: AuditFilters; showEntity?: boolean }) {
  const { t } = useTranslation();
  const list = useAuditList(filters);
  const columns = useMemo<TableColumnsType<AuditEntry>>(
    () => [
      { title: t('audit.fields.seq'), dataIndex: 'seq', key: 'seq', width: 80, sorter: (a, b) => a.seq - b.seq },
      { title: t('audit.fields.at'), dataIndex: 'at', key: 'at', width: 150, render: (at: string) => formatDateTime(at) },
      {
        title: t('audit.fields.actor'),
        dataIndex: 'actorName',
        key: 'actor',
        render: (name: string, e) => (
          <span>
            {name}
            {e.actorType && e.actorType !== 'user' && <Tag style={{ marginLeft: 6 }}>{t(`audit.actorTypes.${e.actorType}`, { defaultValue: e.actorType })}</Tag>}
          </span>
        ),
      },
      {
        title: t('audit.fields.action'),
        dataIndex: 'action',
        key: 'action',
        render: (action: string) => <Tag color={actionColor(action)}>{actionLabel(t, action)}</Tag>,
      },
      ...(showEntity
        ? [
            {
              title: t('audit.fields.entity'),
              key: 'entity',
              responsive: ['md'],
              render: (_: unknown, e: AuditEntry) => (
                <span>
                  {t(`audit.entityTypes.${e.entityType}`, { defaultValue: e.entityType })}
                  {e.entityId && (
                    <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }} copyable={{ text: e.entityId }}>
                      {e.entityId.length > 12 ? `${e.entityId.slice(0, 12)}…` : e.entityId}
                    </Typography.Text>
                  )}
                </span>
              ),
            } as TableColumnsType<AuditEntry>[number],
          ]
        : []),
      {
        title: t('audit.fields.hash'),
        dataIndex: 'hash',
        key: 'hash',
        responsive: ['lg'],
        render: (hash: string) => (
          <Tooltip title={hash}>
            <Typography.Text code style={{ fontSize: 12 }}>
              {hash.slice(0, 12)}
            </Typography.Text>
          </Tooltip>
        ),
      },
    ],
    [t, showEntity],
  );
  return (
    <CursorTable<AuditEntry>
      query={list}
      rowKey="seq"
      columns={columns}
      size="small"
      emptyText={t('audit.empty')}
      expandable={{ expandedRowRender: (e) => <ChangeView change={e.change} />, rowExpandable: (e) => e.change !== null && e.change !== undefined }}
      data-testid="audit-table"
    />
  );
}
