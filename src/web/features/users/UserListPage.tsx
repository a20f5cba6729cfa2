import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Input, Popconfirm, Row, Select, Space, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined, UnlockOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ROLES } from '../../../shared/permissions.js';
import type { User } from '../../../shared/schemas/auth.js';
import { useAccess } from '../../lib/access';
import { formatDateTime } from '../../lib/format';
import { CursorTable } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { RoleTag } from '../../components/EnumTags';
import { PageHeader } from '../../components/PageHeader';
import { RegionTags } from '../../components/RegionName';
import { DealerName } from '../dealers/DealerName';
import { usePatchUser, useUserList, type UserFilters } from './api';
import { UserFormModal } from './UserFormModal';

const isLocked = (u: User) => !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();

export default function UserListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, user: me } = useAccess();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const filters = useMemo(() => {
    const f: UserFilters = {};
    const q = params.get('q');
    const role = params.get('role');
    if (q) f.q = q;
    if (role) f.role = role;
    return f;
  }, [params]);
  const setFilter = (key: 'q' | 'role', value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const list = useUserList(filters);
  const patch = usePatchUser();
  const writable = can('users.write');

  const setActive = (u: User, active: boolean, done: string) => patch.mutate({ id: u.id, body: { active } }, { onSuccess: () => void message.success(done) });

  const columns = useMemo<TableColumnsType<User>>(
    () => [
      { title: t('users.fields.username'), dataIndex: 'username', key: 'username', fixed: 'left', sorter: (a, b) => a.username.localeCompare(b.username) },
      { title: t('users.fields.displayName'), dataIndex: 'displayName', key: 'displayName', sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') },
      { title: t('users.fields.role'), dataIndex: 'role', key: 'role', render: (role: User['role']) => <RoleTag role={role} /> },
      {
        title: t('users.fields.scope'),
        key: 'scope',
        responsive: ['md'],
        render: (_: unknown, u) => (u.dealerId ? <DealerName id={u.dealerId} /> : u.regionCodes.length ? <RegionTags codes={u.regionCodes} /> : <Tag>{t('users.allDealers')}</Tag>),
      },
      {
        title: t('users.fields.status'),
        key: 'status',
        render: (_: unknown, u) => (
          <Space size={4}>
            <Tag color={u.active ? 'success' : 'default'}>{u.active ? t('users.active') : t('users.inactive')}</Tag>
            {isLocked(u) && (
              <Tooltip title={t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}>
                <Tag color="error">{t('users.locked')}</Tag>
              </Tooltip>
            )}
          </Space>
        ),
      },
      { title: t('common.createdAt'), dataIndex: 'createdAt', key: 'createdAt', responsive: ['lg'], render: (v: string) => formatDateTime(v) },
      ...(writable
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, u: User) => (
                <Space size={0} wrap>
                  <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ user: u })} data-testid="edit-user">
                    {t('common.edit')}
                  </Button>
                  {u.active && isLocked(u) && (
                    <Button size="small" type="link" icon={<UnlockOutlined />} onClick={() => setActive(u, true, t('users.unlocked'))}>
                      {t('users.unlock')}
                    </Button>
                  )}
                  {u.active ? (
                    u.id !== me?.id && (
                      <Popconfirm
                        title={t('users.deactivateConfirm', { name: u.username })}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => setActive(u, false, t('users.deactivated'))}
                      >
                        <Button size="small" type="link" danger icon={<StopOutlined />} data-testid="deactivate-user">
                          {t('users.deactivate')}
                        </Button>
                      </Popconfirm>
                    )
                  ) : (
                    <Button size="small" type="link" icon={<CheckCircleOutlined />} onClick={() => setActive(u, true, t('users.activated'))}>
                      {t('users.activate')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]
        : []),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, writable, me?.id],
  );

  return (
    <div data-testid="user-list-page">
      <PageHeader
        title={t('menu.users')}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="new-user">
                {t('users.new')}
              </Button>
            )}
            <ExportButton path="/users" params={filters} filename="users" />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={8}>
            <Input.Search allowClear defaultValue={filters.q} placeholder={t('users.search')} onSearch={(v) => setFilter('q', v.trim() || undefined)} data-testid="user-filter-q" />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('users.fields.role')}
              value={filters.role}
              onChange={(v?: string) => setFilter('role', v)}
              options={ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
              data-testid="user-filter-role"
            />
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <CursorTable<User> query={list} rowKey="id" columns={columns} emptyText={t('users.empty')} data-testid="user-table" />
      </Card>
      <UserFormModal open={!!editing} user={editing?.user} onClose={() => setEditing(null)} />
    </div>
  );
}
