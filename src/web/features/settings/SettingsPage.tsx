// The one HQ settings page: every setting the server declares (src/server/core/settings.ts),
// grouped by module, each edited in a form generated from its schema, with the defaults, the
// difference from them, server errors on their fields and the version history.
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, HistoryOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SettingItem } from '../../../shared/schemas/settings.js';
import { ApiError, isApiError } from '../../lib/api';
import { applyFieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useAccess } from '../../lib/access';
import { PageHeader } from '../../components/PageHeader';
import { Loading, QueryError } from '../../components/QueryState';
import { useSaveSetting, useSetting, useSettingVersions, useSettings, type SettingVersion } from './api';
import { Fields } from './SchemaForm';
import { differences, fieldLabel, moduleLabel, schemaAt, valueText, type Difference, type JsonSchema } from './schema';

const titleOf = (item: Pick<SettingItem, 'title'>, language: string) => (language === 'en' ? item.title.en : item.title['zh-CN']);

function VersionTag({ version }: { version: number }) {
  const { t } = useTranslation();
  return version === 0 ? (
    <Tag data-testid="setting-version">{t('settings.atDefaults')}</Tag>
  ) : (
    <Tag color="blue" data-testid="setting-version">
      {t('settings.version', { n: version })}
    </Tag>
  );
}

function SettingsList({ onOpen }: { onOpen: (key: string) => void }) {
  const { t, i18n } = useTranslation();
  const list = useSettings();
  const groups = useMemo(() => {
    const byModule = new Map<string, SettingItem[]>();
    for (const item of list.data?.items ?? []) byModule.set(item.module, [...(byModule.get(item.module) ?? []), item]);
    return [...byModule.entries()].sort(([a], [b]) => moduleLabel(t, a).localeCompare(moduleLabel(t, b), i18n.language));
  }, [list.data, t, i18n.language]);
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.isLoading) return <Loading />;
  return (
    <div data-testid="settings-page">
      <PageHeader title={t('settings.title')} sub={t('settings.subtitle')} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {groups.map(([module, items]) => (
          <Card key={module} size="small" title={moduleLabel(t, module)} data-testid={`settings-module-${module}`}>
            <Table<SettingItem>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={items}
              onRow={(item) => ({ onClick: () => onOpen(item.key), style: { cursor: 'pointer' }, 'data-testid': `setting-row-${item.key}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: 'title', title: t('settings.columns.title'), render: (_, item) => <Typography.Link>{titleOf(item, i18n.language)}</Typography.Link> },
                { key: 'version', title: t('settings.columns.version'), width: 120, render: (_, item) => <VersionTag version={item.version} /> },
                {
                  key: 'changed',
                  title: t('settings.columns.changed'),
                  width: 280,
                  render: (_, item) =>
                    item.changedAt ? `${item.changedBy ?? ''} · ${formatDateTime(item.changedAt)}` : <Typography.Text type="secondary">{t('settings.neverChanged')}</Typography.Text>,
                },
              ]}
            />
          </Card>
        ))}
      </Space>
    </div>
  );
}

/** The label of a changed leaf: its ancestors' labels too ("首次响应时限 / 客户反馈 / 紧急"). */
function pathLabel(t: TFunction, key: string, schema: JsonSchema, path: Difference['path']): string {
  const parts: string[] = [];
  for (let i = 1; i <= path.length; i++) {
    const p = path.slice(0, i);
    if (typeof p[p.length - 1] === 'number') parts.push(`#${Number(p[p.length - 1]) + 1}`);
    else parts.push(fieldLabel(t, key, p, schemaAt(schema, p)));
  }
  return parts.join(' / ');
}

function DiffTable({
  settingKey,
  schema,
  from,
  to,
  fromTitle,
  toTitle,
  testId,
}: {
  settingKey: string;
  schema: JsonSchema;
  from: unknown;
  to: unknown;
  fromTitle: string;
  toTitle: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const rows = differences(from, to);
  if (!rows.length)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('settings.noDifference')}
      </Typography.Text>
    );
  return (
    <Table<Difference>
      size="small"
      data-testid={testId}
      rowKey={(r) => r.path.join('.')}
      pagination={false}
      dataSource={rows}
      columns={[
        { key: 'field', title: t('settings.columns.field'), render: (_, r) => pathLabel(t, settingKey, schema, r.path) },
        { key: 'from', title: fromTitle, render: (_, r) => valueText(t, r.from) },
        { key: 'to', title: toTitle, render: (_, r) => <b>{valueText(t, r.to)}</b> },
      ]}
    />
  );
}

function VersionsDrawer({ item, open, onClose }: { item: SettingItem; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const versions = useSettingVersions(item.key, open);
  const items = versions.data?.items ?? [];
  return (
    <Drawer title={t('settings.history')} width={760} open={open} onClose={onClose} destroyOnHidden>
      {versions.isError && <QueryError error={versions.error} />}
      {!versions.isLoading && !items.length && <Empty description={t('settings.noHistory')} />}
      <Table<SettingVersion>
        size="small"
        data-testid="settings-versions"
        rowKey="version"
        loading={versions.isLoading}
        pagination={false}
        dataSource={items}
        expandable={{
          expandedRowRender: (v) => {
            const previous = items.find((p) => p.version === v.version - 1);
            return (
              <DiffTable
                settingKey={item.key}
                schema={item.schema as JsonSchema}
                from={previous ? previous.value : item.defaults}
                to={v.value}
                fromTitle={previous ? t('settings.version', { n: previous.version }) : t('settings.defaults')}
                toTitle={t('settings.version', { n: v.version })}
                testId={`version-diff-${v.version}`}
              />
            );
          },
        }}
        columns={[
          { key: 'version', title: t('settings.columns.version'), width: 90, render: (_, v) => <span data-testid="version-number">{t('settings.version', { n: v.version })}</span> },
          { key: 'by', title: t('settings.columns.changedBy'), dataIndex: 'changedBy' },
          { key: 'at', title: t('settings.columns.changedAt'), render: (_, v) => formatDateTime(v.changedAt) },
          { key: 'note', title: t('settings.columns.note'), render: (_, v) => v.note ?? '' },
        ]}
      />
    </Drawer>
  );
}

/**
 * The modules' cross-field checks answer in English naming fields by their keys; the common forms
 * are translated here with the field's label (the rest goes through lib/errors.ts fieldMessage).
 */
function checkMessage(t: TFunction, key: string, message: string): string {
  const named = (field: string) => fieldLabel(t, key, field.split('.'));
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^must be greater than (\w+)$/, (m) => t('settings.errors.greaterThan', { field: named(m[1]) })],
    [/^must be after (\w+)$/, (m) => t('settings.errors.after', { field: named(m[1]) })],
    [/^must not exceed (\w+)$/, (m) => t('settings.errors.notAbove', { field: named(m[1]) })],
    [/^weights total (\S+); they must total 100$/, (m) => t('settings.errors.weights', { sum: m[1] })],
    [/^is listed twice \((.+)\)$/, (m) => t('settings.errors.twice', { value: m[1] })],
  ];
  for (const [re, fn] of rules) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  return message;
}

function SettingEditor({ settingKey, onBack }: { settingKey: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAccess();
  const [form] = Form.useForm();
  const setting = useSetting(settingKey);
  const save = useSaveSetting(settingKey);
  const [history, setHistory] = useState(false);
  const [note, setNote] = useState('');
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const item = setting.data;
  useEffect(() => {
    if (item) {
      form.resetFields();
      form.setFieldsValue(item.value as object);
    }
  }, [item, form]);
  const current = Form.useWatch([], { form, preserve: true }) as unknown;
  if (setting.isError) return <QueryError error={setting.error} onRetry={() => void setting.refetch()} backTo={{ path: '/settings', label: t('settings.back') }} />;
  if (!item) return <Loading />;
  const schema = item.schema as JsonSchema;
  const topFields = Object.keys(schema.properties ?? {});
  const editable = can('settings.manage');
  const submit = async () => {
    setUnplaced([]);
    await form.validateFields();
    const value = form.getFieldsValue(true) as unknown;
    save.mutate(
      { value, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (saved) => {
          setNote('');
          void message.success(t('settings.saved', { n: saved.version }));
        },
        onError: (e) => {
          if (!isApiError(e)) return setUnplaced([String(e)]);
          // paths arrive as /value/<field>...: strip the envelope so they name the form's fields
          const shifted = new ApiError(e.status, {
            ...e.problem,
            errors: e.errors.map((fe) => ({ path: fe.path.replace(/^\/value(?=\/|$)/, '') || '/', message: checkMessage(t, item.key, fe.message) })),
          });
          const left = applyFieldErrors(form, shifted, t, { fields: topFields });
          setUnplaced(left.length ? left : e.errors.length ? [] : [e.detail || e.message]);
        },
      },
    );
  };
  const restore = () => {
    form.resetFields();
    form.setFieldsValue(item.defaults as object);
    void message.info(t('settings.restored'));
  };
  return (
    <div data-testid="setting-editor" data-key={item.key}>
      <PageHeader
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t('settings.back')} data-testid="settings-back" />
            {titleOf(item, i18n.language)}
          </Space>
        }
        sub={
          <Space size={8} wrap>
            <span>{moduleLabel(t, item.module)}</span>
            <VersionTag version={item.version} />
            {item.changedAt && <span>{t('settings.lastChanged', { by: item.changedBy, at: formatDateTime(item.changedAt) })}</span>}
          </Space>
        }
        extra={
          <>
            <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)} data-testid="settings-history">
              {t('settings.history')}
            </Button>
            <Popconfirm title={t('settings.restoreConfirm')} onConfirm={restore} okText={t('settings.restore')} cancelText={t('common.cancel')} disabled={!editable}>
              <Button icon={<RollbackOutlined />} disabled={!editable} data-testid="settings-restore">
                {t('settings.restore')}
              </Button>
            </Popconfirm>
            <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!editable} onClick={() => void submit().catch(() => undefined)} data-testid="settings-save">
              {t('common.save')}
            </Button>
          </>
        }
      />
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('settings.readOnly')} />}
      {unplaced.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('settings.notSaved')}
          description={unplaced.map((u) => (
            <div key={u}>{u}</div>
          ))}
          data-testid="settings-errors"
        />
      )}
      <Flex gap={16} wrap align="flex-start">
        <Card size="small" style={{ flex: '1 1 640px', minWidth: 0 }}>
          <Form form={form} layout="vertical" disabled={!editable} data-testid="settings-form">
            <Fields settingKey={item.key} schema={schema} path={[]} name={[]} disabled={!editable} />
          </Form>
          <Form layout="vertical">
            <Form.Item label={t('settings.note')} extra={t('settings.noteHelp')}>
              <Input maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} disabled={!editable} data-testid="settings-note" />
            </Form.Item>
          </Form>
        </Card>
        <Card size="small" title={t('settings.diffTitle')} style={{ flex: '1 1 320px', minWidth: 0 }} data-testid="settings-diff">
          <DiffTable
            settingKey={item.key}
            schema={schema}
            from={item.defaults}
            to={current ?? item.value}
            fromTitle={t('settings.defaults')}
            toTitle={t('settings.current')}
            testId="settings-diff-table"
          />
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'key',
                label: t('settings.key'),
                children: (
                  <Typography.Text type="secondary" copyable>
                    {item.key}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Card>
      </Flex>
      <VersionsDrawer item={item} open={history} onClose={() => setHistory(false)} />
    </div>
  );
}

export default function SettingsPage() {
  const [params, setParams] = useSearchParams();
  const key = params.get('key');
  return key ? <SettingEditor settingKey={key} onBack={() => setParams({})} /> : <SettingsList onOpen={(k) => setParams({ key: k })} />;
}
