import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { MoneyInput } from '../../components/MoneyInput';
import { QueryError } from '../../components/QueryState';
import { DealerSelect } from '../dealers/DealerSelect';
import { api } from '../../lib/api';
import { formatDate, formatFen } from '../../lib/format';
import { useAccess } from '../../lib/access';
import type { Dispute } from './api';
import { DATE_PATTERN } from '../../../shared/dates.js';

const FACTORS = ['leadOrigin', 'salesEffort', 'delivery', 'service'] as const;
const STATUS_COLOURS: Record<string, string> = { open: 'blue', mediating: 'orange', settled: 'green', closed: 'default' };

function DisputeDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [followup] = Form.useForm();
  const q = useQuery({ queryKey: ['disputes', id], queryFn: ({ signal }) => api.get<Dispute>(`/disputes/${id}`, undefined, signal) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['disputes'] });
  const split = useMutation({ mutationFn: (body: unknown) => api.post(`/disputes/${id}/split`, body), onSuccess: refresh });
  const status = useMutation({ mutationFn: (s: string) => api.post(`/disputes/${id}/status`, { status: s }), onSuccess: refresh });
  const addFollowup = useMutation({
    mutationFn: (body: unknown) => api.post(`/disputes/${id}/followups`, body),
    onSuccess: () => {
      refresh();
      followup.resetFields();
    },
  });
  const d = q.data;
  const nextStatus: Record<string, string | undefined> = { open: 'mediating', mediating: 'settled', settled: 'closed' };
  return (
    <Drawer
      open
      onClose={onClose}
      width={760}
      title={d ? `${d.number} · ${d.title}` : ''}
      extra={d && can('relations.write') && nextStatus[d.status] && <Button onClick={() => status.mutate(nextStatus[d.status]!)}>{t(`service.med.toStatus.${nextStatus[d.status]}`)}</Button>}
    >
      {d && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('service.med.status')}>
              <Tag color={STATUS_COLOURS[d.status]}>{t(`service.med.statuses.${d.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('service.med.parties')}>
              {d.parties.map((p) => (
                <div key={p.dealerId}>
                  <b>{p.dealerName}</b>：{p.claim}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('service.med.facts')}>{d.facts}</Descriptions.Item>
            <Descriptions.Item label={t('service.med.feelings')}>{d.feelings || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('service.med.needs')}>{d.needs || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('service.med.options')}>{d.options || '-'}</Descriptions.Item>
            <Descriptions.Item label={t('service.med.contested')}>{formatFen(d.contestedFen)}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('service.med.calculator')} style={{ marginTop: 12 }}>
            {can('relations.write') && d.status !== 'closed' && (
              <Form
                form={form}
                layout="vertical"
                initialValues={{ compensationFen: 0, shares: d.parties.map((p, i) => ({ dealerId: p.dealerId, ...Object.fromEntries(FACTORS.map((f) => [f, i === 0 ? 100 : 0])) })) }}
                onFinish={(v) =>
                  split.mutate({
                    shares: v.shares.map((s: Record<string, number | string>) => ({ dealerId: s.dealerId, shares: Object.fromEntries(FACTORS.map((f) => [f, Number(s[f] ?? 0)])) })),
                    compensationFen: v.compensationFen ?? 0,
                  })
                }
              >
                <Table
                  size="small"
                  pagination={false}
                  rowKey="dealerId"
                  dataSource={d.parties}
                  scroll={{ x: 600 }}
                  columns={[
                    { title: t('service.fields.dealer'), dataIndex: 'dealerName' },
                    ...FACTORS.map((f) => ({
                      title: `${t(`service.med.factor.${f}`)} %`,
                      key: f,
                      render: (_: unknown, __: unknown, i: number) => (
                        <>
                          <Form.Item name={['shares', i, 'dealerId']} hidden>
                            <Input />
                          </Form.Item>
                          <Form.Item name={['shares', i, f]} noStyle>
                            <InputNumber min={0} max={100} style={{ width: 70 }} />
                          </Form.Item>
                        </>
                      ),
                    })),
                  ]}
                />
                <Typography.Paragraph type="secondary" style={{ marginTop: 6 }}>
                  {t('service.med.weightsHint')}
                </Typography.Paragraph>
                <Space align="end" wrap>
                  <Form.Item name="compensationFen" label={t('service.med.compensation')} style={{ marginBottom: 0 }}>
                    <MoneyInput />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={split.isPending}>
                    {t('service.med.calculate')}
                  </Button>
                </Space>
              </Form>
            )}
            {d.split && (
              <Table
                style={{ marginTop: 12 }}
                size="small"
                pagination={false}
                rowKey="dealerId"
                dataSource={d.split.parts}
                columns={[
                  { title: t('service.fields.dealer'), dataIndex: 'dealerId', render: (v) => d.parties.find((p) => p.dealerId === v)?.dealerName ?? v },
                  { title: t('service.med.contribution'), dataIndex: 'contributionPct', render: (v) => `${v}%` },
                  { title: t('service.med.share'), dataIndex: 'amountFen', render: formatFen },
                ]}
              />
            )}
            {d.plan && d.plan.length > 0 && d.plan.some((p) => p.amountFen > 0) && (
              <Table
                style={{ marginTop: 12 }}
                size="small"
                pagination={false}
                rowKey="step"
                dataSource={d.plan}
                title={() => t('service.med.plan')}
                columns={[
                  { title: '#', dataIndex: 'step' },
                  { title: t('service.med.dueOn'), dataIndex: 'dueOn', render: formatDate },
                  { title: '%', dataIndex: 'percent' },
                  { title: t('service.med.amount'), dataIndex: 'amountFen', render: formatFen },
                ]}
              />
            )}
          </Card>
          <Card size="small" title={t('service.med.followups')} style={{ marginTop: 12 }}>
            <List
              size="small"
              dataSource={d.followups}
              locale={{ emptyText: t('service.med.noFollowups') }}
              renderItem={(f) => (
                <List.Item>
                  {formatDate(f.dueOn)} · {f.note} {f.doneAt ? <Tag color="green">{t('service.med.done')}</Tag> : null}
                </List.Item>
              )}
            />
            {can('relations.write') && (
              <Form form={followup} layout="inline" onFinish={(v) => addFollowup.mutate({ note: v.note, dueOn: v.dueOn })} style={{ marginTop: 8, rowGap: 8 }}>
                <Form.Item name="note" rules={[{ required: true }]}>
                  <Input placeholder={t('service.med.followupNote')} />
                </Form.Item>
                <Form.Item name="dueOn" rules={[{ required: true, pattern: new RegExp(DATE_PATTERN) }]}>
                  <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
                </Form.Item>
                <Button htmlType="submit" loading={addFollowup.isPending}>
                  {t('service.med.addFollowup')}
                </Button>
              </Form>
            )}
          </Card>
        </>
      )}
    </Drawer>
  );
}

/** C13 mediation: dispute cases with parties and claims, facts / feelings / needs, the split. */
export default function MediationPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const qc = useQueryClient();
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['disputes'], queryFn: ({ signal }) => api.get<{ items: Dispute[] }>('/disputes', undefined, signal) });
  const create = useMutation({
    mutationFn: (body: unknown) => api.post<Dispute>('/disputes', body),
    onSuccess: (d) => {
      qc.invalidateQueries({ queryKey: ['disputes'] });
      setCreating(false);
      form.resetFields();
      setOpenId(d.id);
    },
  });
  return (
    <div>
      <PageHeader
        title={t('service.med.title')}
        sub={t('service.med.sub')}
        extra={
          can('relations.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('service.med.new')}
            </Button>
          )
        }
      />
      {list.error ? (
        <QueryError error={list.error} />
      ) : (
        <Card size="small">
          <Table
            size="small"
            rowKey="id"
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
            scroll={{ x: 800 }}
            columns={[
              { title: t('service.fields.number'), dataIndex: 'number' },
              { title: t('service.fields.subject'), dataIndex: 'title' },
              { title: t('service.med.parties'), key: 'parties', render: (_, d) => d.parties.map((p) => p.dealerName).join(' / ') },
              { title: t('service.med.contested'), dataIndex: 'contestedFen', render: formatFen },
              { title: t('service.med.status'), dataIndex: 'status', render: (s) => <Tag color={STATUS_COLOURS[s]}>{t(`service.med.statuses.${s}`)}</Tag> },
              { title: t('service.fields.createdAt'), dataIndex: 'createdAt', render: formatDate },
            ]}
          />
        </Card>
      )}
      {openId && <DisputeDrawer id={openId} onClose={() => setOpenId(null)} />}
      <Modal
        open={creating}
        width={680}
        title={t('service.med.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.validateFields().then((v) => create.mutate({ ...v, contestedFen: v.contestedFen ?? 0 }))}
        okButtonProps={{ loading: create.isPending }}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'dealer_dealer', parties: [{}, {}] }}>
          <Form.Item name="title" label={t('service.fields.subject')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('service.med.kind')}>
            <Select options={['dealer_dealer', 'dealer_hq'].map((k) => ({ value: k, label: t(`service.med.kinds.${k}`) }))} />
          </Form.Item>
          <Form.List name="parties">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'dealerId']} rules={[{ required: true }]} style={{ width: 240 }}>
                      <DealerSelect />
                    </Form.Item>
                    <Form.Item name={[f.name, 'claim']} rules={[{ required: true }]} style={{ width: 300 }}>
                      <Input placeholder={t('service.med.claim')} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} />}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} style={{ marginBottom: 12 }}>
                  {t('service.med.addParty')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="facts" label={t('service.med.facts')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="feelings" label={t('service.med.feelings')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="needs" label={t('service.med.needs')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="options" label={t('service.med.options')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="contestedFen" label={t('service.med.contested')}>
            <MoneyInput />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
