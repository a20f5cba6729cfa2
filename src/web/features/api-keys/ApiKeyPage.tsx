import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography, type ButtonProps } from 'antd';
import type { TableColumnsType } from 'antd';
import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/permissions.js';
import type { ApiKey } from '../../../shared/schemas/auth.js';
import { applyFieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { CursorTable } from '../../components/CursorTable';
import { RoleTag } from '../../components/EnumTags';
import { PageHeader } from '../../components/PageHeader';
import { RegionTags } from '../../components/RegionName';
import { DealerName } from '../dealers/DealerName';
import { isDealerRole, ScopeFields } from '../users/ScopeFields';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './api';

interface Values {
  name: string;
  role: Role;
  dealerId?: string | null;
  regionCodes?: string[];
  expiresInDays: number;
}

/** Lifetimes offered at creation; the server refuses any beyond the auth.security maximum. */
const LIFETIMES = [30, 90, 180, 365, 730];
const isExpired = (k: ApiKey) => !k.expiresAt || new Date(k.expiresAt).getTime() <= Date.now();

function CreateKeyModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (secret: string, key: ApiKey) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiKey();
  const role = Form.useWatch('role', form);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      {
        name: v.name.trim(),
        role: v.role,
        expiresInDays: v.expiresInDays,
        ...(isDealerRole(v.role) ? { dealerId: v.dealerId ?? null } : {}),
        ...(v.role === 'regional_manager' ? { regionCodes: v.regionCodes ?? [] } : {}),
      },
      {
        onSuccess: (created) => onCreated(created.secret, created.apiKey),
        onError: (error) => applyFieldErrors(form, error, t, { fields: ['name', 'role', 'dealerId', 'regionCodes', 'expiresInDays'] }),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('apiKeys.createTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'api-key-submit' } as ButtonProps}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ role: 'hq_analyst', regionCodes: [], expiresInDays: 365 }}>
        <Form.Item
          name="name"
          label={t('apiKeys.fields.name')}
          extra={t('apiKeys.nameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('errors.field.required') },
            { max: 100, message: t('errors.field.maxLength', { n: 100 }) },
          ]}
        >
          <Input maxLength={100} data-testid="api-key-name" />
        </Form.Item>
        <Form.Item name="role" label={t('apiKeys.fields.role')} rules={[{ required: true, message: t('errors.field.required') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))} data-testid="api-key-role" />
        </Form.Item>
        <ScopeFields role={role} />
        <Form.Item name="expiresInDays" label={t('apiKeys.lifetime')} extra={t('apiKeys.lifetimeHelp')} rules={[{ required: true, message: t('errors.field.required') }]}>
          <Select options={LIFETIMES.map((d) => ({ value: d, label: t('apiKeys.days', { count: d }) }))} data-testid="api-key-lifetime" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The secret of a new key, shown once with a copy button. */
function SecretModal({ secret, apiKey, onClose }: { secret: string | null; apiKey?: ApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      void message.success(t('apiKeys.copied'));
    } catch {
      void message.warning(t('apiKeys.copyFailed'));
    }
  };
  return (
    <Modal
      open={!!secret}
      title={t('apiKeys.secretTitle', { name: apiKey?.name ?? '' })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Space>
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="copy-secret">
            {t('apiKeys.copy')}
          </Button>
          <Button type="primary" onClick={onClose} data-testid="secret-done">
            {t('apiKeys.savedIt')}
          </Button>
        </Space>
      }
    >
      <Alert type="warning" showIcon title={t('apiKeys.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        <Typography.Text code copyable={{ text: secret ?? '' }} style={{ wordBreak: 'break-all', fontSize: 13 }} data-testid="api-key-secret">
          {secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('apiKeys.usage')}
        <br />
        <Typography.Text code>
          Authorization: Bearer {'<'}secret{'>'}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}

export default function ApiKeyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ secret: string; key: ApiKey } | null>(null);

  const columns = useMemo<TableColumnsType<ApiKey>>(
    () => [
      { title: t('apiKeys.fields.name'), dataIndex: 'name', key: 'name', fixed: 'left' },
      { title: t('apiKeys.fields.prefix'), dataIndex: 'prefix', key: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
      { title: t('apiKeys.fields.role'), dataIndex: 'role', key: 'role', render: (r: ApiKey['role']) => <RoleTag role={r} /> },
      {
        title: t('users.fields.scope'),
        key: 'scope',
        responsive: ['md'],
        render: (_: unknown, k) => (k.dealerId ? <DealerName id={k.dealerId} /> : k.regionCodes.length ? <RegionTags codes={k.regionCodes} /> : <Tag>{t('users.allDealers')}</Tag>),
      },
      { title: t('apiKeys.fields.createdBy'), dataIndex: 'createdBy', key: 'createdBy', responsive: ['lg'] },
      { title: t('common.createdAt'), dataIndex: 'createdAt', key: 'createdAt', responsive: ['lg'], render: (v: string) => formatDateTime(v) },
      { title: t('apiKeys.fields.lastUsedAt'), dataIndex: 'lastUsedAt', key: 'lastUsedAt', responsive: ['md'], render: (v: string | null) => (v ? formatDateTime(v) : t('apiKeys.neverUsed')) },
      { title: t('apiKeys.fields.expiresAt'), dataIndex: 'expiresAt', key: 'expiresAt', responsive: ['md'], render: (v: string | null) => (v ? formatDateTime(v) : '—') },
      {
        title: t('apiKeys.fields.status'),
        key: 'status',
        render: (_: unknown, k) =>
          k.revokedAt ? (
            <Tag color="default">{t('apiKeys.revokedAt', { time: formatDateTime(k.revokedAt) })}</Tag>
          ) : isExpired(k) ? (
            <Tag color="warning">{t('apiKeys.expiredAt', { time: k.expiresAt ? formatDateTime(k.expiresAt) : '—' })}</Tag>
          ) : (
            <Tag color="success">{t('apiKeys.activeKey')}</Tag>
          ),
      },
      {
        title: t('common.actions'),
        key: 'actions',
        render: (_: unknown, k) =>
          !k.revokedAt && (
            <Popconfirm
              title={t('apiKeys.revokeConfirm', { name: k.name })}
              description={t('apiKeys.revokeHint')}
              okText={t('apiKeys.revoke')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => revoke.mutate(k.id, { onSuccess: () => void message.success(t('apiKeys.revoked')) })}
            >
              <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid="revoke-api-key">
                {t('apiKeys.revoke')}
              </Button>
            </Popconfirm>
          ),
      },
    ],
    [t, revoke, message],
  );

  return (
    <div data-testid="api-key-page">
      <PageHeader
        title={t('menu.apiKeys')}
        sub={t('apiKeys.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-api-key">
            {t('apiKeys.new')}
          </Button>
        }
      />
      <Card size="small">
        <CursorTable<ApiKey> query={list} rowKey="id" columns={columns} emptyText={t('apiKeys.empty')} data-testid="api-key-table" />
      </Card>
      <CreateKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(secret, key) => {
          setCreating(false);
          setCreated({ secret, key });
        }}
      />
      <SecretModal secret={created?.secret ?? null} apiKey={created?.key} onClose={() => setCreated(null)} />
    </div>
  );
}
