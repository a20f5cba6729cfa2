import { useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Button, Card, DatePicker, Drawer, Flex, Form, Input, InputNumber, List, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { formatDateTime } from '../../lib/format';
import { useAccess } from '../../lib/access';
import type { Warning, WarningNotification } from '../../../shared/schemas';
import { LEVEL_COLORS, useAction, useWarning } from './api';

function WarningDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const access = useAccess();
  const w = useWarning(id).data;
  const keys = [['warning', id ?? ''], ['warnings']];
  const plan = useAction<{ goals: { kpi: string; target: string }[]; deadline: string }>('POST', () => `/warnings/${id}/plans`, keys);
  const checkin = useAction<{ planId: string; note: string; progress: number }>(
    'POST',
    (b) => `/improvement-plans/${b.planId}/checkins`,
    keys,
    ({ note, progress }) => ({ note, progress }),
  );
  const [form] = Form.useForm();
  const active = w?.plans.find((p) => p.status === 'active');
  return (
    <Drawer open={!!id} onClose={onClose} width={560} title={w ? `${w.dealerName} · ${t(`performance.levels.${w.level}`)}` : ''}>
      {w && (
        <>
          <Typography.Title level={5}>{t('performance.warnings.reasons')}</Typography.Title>
          <List
            size="small"
            dataSource={w.reasons}
            renderItem={(r) => (
              <List.Item>
                {r.period} · {t(`performance.reasons.${r.code}`)}（{r.detail}）
              </List.Item>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('performance.warnings.history')}
          </Typography.Title>
          <Timeline
            items={w.events.map((e) => ({
              color: LEVEL_COLORS[e.toLevel],
              children: `${formatDateTime(e.at)} ${t(`performance.eventKinds.${e.kind}`)} ${e.fromLevel ? `${t(`performance.levels.${e.fromLevel}`)} → ` : ''}${t(`performance.levels.${e.toLevel}`)} (${e.period ?? ''})`,
            }))}
          />
          <Typography.Title level={5}>{t('performance.warnings.plan')}</Typography.Title>
          {active ? (
            <Card size="small">
              <div>
                {t('performance.warnings.deadline')}: <b>{active.deadline}</b>
              </div>
              <List
                size="small"
                dataSource={active.goals}
                renderItem={(g) => (
                  <List.Item>
                    {g.kpi}: {g.target}
                  </List.Item>
                )}
              />
              <Timeline items={active.checkins.map((c) => ({ children: `${formatDateTime(c.at)} ${c.actorName} ${c.progress}% — ${c.note}` }))} />
              {access.can('warnings.checkin') && (
                <Form
                  layout="inline"
                  onFinish={(v: { note: string; progress: number }) => checkin.mutate({ planId: active.id, ...v }, { onSuccess: () => void message.success(t('performance.saved')) })}
                >
                  <Form.Item name="note" rules={[{ required: true }]}>
                    <Input placeholder={t('performance.warnings.checkinNote')} />
                  </Form.Item>
                  <Form.Item name="progress" initialValue={50}>
                    <InputNumber min={0} max={100} addonAfter="%" />
                  </Form.Item>
                  <Button htmlType="submit" loading={checkin.isPending}>
                    {t('performance.warnings.checkin')}
                  </Button>
                </Form>
              )}
            </Card>
          ) : (
            <Typography.Text type="secondary">{t('performance.warnings.noPlan')}</Typography.Text>
          )}
          {access.can('warnings.manage') && w.status === 'open' && (
            <Card size="small" title={t('performance.warnings.newPlan')} style={{ marginTop: 12 }}>
              <Form
                form={form}
                layout="vertical"
                onFinish={(v: { kpi: string; target: string; deadline: dayjs.Dayjs }) =>
                  plan.mutate(
                    { goals: [{ kpi: v.kpi, target: v.target }], deadline: v.deadline.format('YYYY-MM-DD') },
                    {
                      onSuccess: () => {
                        form.resetFields();
                        void message.success(t('performance.saved'));
                      },
                    },
                  )
                }
              >
                <Form.Item name="kpi" label={t('performance.warnings.goalKpi')} rules={[{ required: true }]}>
                  <Input placeholder={t('performance.kpi.sales')} />
                </Form.Item>
                <Form.Item name="target" label={t('performance.warnings.goalTarget')} rules={[{ required: true }]}>
                  <Input placeholder="≥ 80%" />
                </Form.Item>
                <Form.Item name="deadline" label={t('performance.warnings.deadline')} rules={[{ required: true }]}>
                  <DatePicker disabledDate={(d) => d.isBefore(dayjs())} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={plan.isPending}>
                  {t('performance.warnings.savePlan')}
                </Button>
              </Form>
            </Card>
          )}
          {w.level === 'red' && w.status === 'open' && access.can('terminations.manage') && (
            <Link to={`/performance/terminations?dealerId=${w.dealerId}&warningId=${w.id}`}>
              <Button danger style={{ marginTop: 16 }}>
                {t('performance.warnings.startExit')}
              </Button>
            </Link>
          )}
        </>
      )}
    </Drawer>
  );
}

export default function WarningsPage() {
  const { t } = useTranslation();
  const [level, setLevel] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>('open');
  const [open, setOpen] = useState<string | null>(null);
  const params = { level, status };
  const list = useCursorList<Warning>(['warnings'], '/warnings', params, 50);
  const notes = useCursorList<WarningNotification>(['warning-notifications'], '/warning-notifications', {}, 10);
  const read = useAction<{ id: string }>(
    'POST',
    (b) => `/warning-notifications/${b.id}/read`,
    [['warning-notifications']],
    () => ({}),
  );
  return (
    <>
      <PageHeader title={t('performance.warnings.title')} sub={t('performance.warnings.sub')} extra={<ExportButton path="/warnings" params={params} filename="warnings.xlsx" />} />
      <Flex gap={12} style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('performance.level')}
          value={level}
          onChange={setLevel}
          options={['yellow', 'orange', 'red'].map((l) => ({ value: l, label: t(`performance.levels.${l}`) }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('performance.status')}
          value={status}
          onChange={setStatus}
          options={['open', 'resolved', 'terminated'].map((s) => ({ value: s, label: t(`performance.warningStatuses.${s}`) }))}
        />
      </Flex>
      <CursorTable<Warning>
        query={list}
        rowKey="id"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('performance.level'), dataIndex: 'level', render: (l: string) => <Tag color={LEVEL_COLORS[l]}>{t(`performance.levels.${l}`)}</Tag> },
          { title: t('performance.dealer'), render: (_, w) => `${w.dealerName}（${w.dealerCode}）` },
          {
            title: t('performance.warnings.reasons'),
            render: (_, w) => (
              <Space wrap>
                {[...new Set(w.reasons.map((r) => r.code))].map((c) => (
                  <Tag key={c}>{t(`performance.reasons.${c}`)}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('performance.warnings.opened'), dataIndex: 'openedPeriod' },
          { title: t('performance.warnings.last'), dataIndex: 'lastPeriod' },
          { title: t('performance.warnings.deadline'), dataIndex: 'planDeadline', render: (v: string | null) => v ?? '—' },
          { title: t('performance.status'), dataIndex: 'status', render: (s: string) => t(`performance.warningStatuses.${s}`) },
        ]}
      />
      <Card size="small" title={t('performance.warnings.notifications')} style={{ marginTop: 16 }}>
        <List
          size="small"
          dataSource={notes.data?.pages.flatMap((p) => p.items) ?? []}
          renderItem={(n) => (
            <List.Item
              actions={
                n.read
                  ? []
                  : [
                      <Typography.Link key="r" onClick={() => read.mutate({ id: n.id })}>
                        {t('performance.warnings.markRead')}
                      </Typography.Link>,
                    ]
              }
            >
              <Space>
                {!n.read && <Tag color="blue">{t('performance.warnings.unread')}</Tag>}
                {n.level && <Tag color={LEVEL_COLORS[n.level]}>{t(`performance.levels.${n.level}`)}</Tag>}
                <span>
                  {n.dealerName}: {t(`performance.eventKinds.${n.kind}`)}
                </span>
                <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <WarningDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
