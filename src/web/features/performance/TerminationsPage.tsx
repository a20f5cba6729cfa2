import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { App as AntApp, Button, Card, Checkbox, Col, Descriptions, Drawer, Form, Input, Row, Statistic, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { CursorTable, useCursorList } from '../../components/CursorTable';
import { ExportButton } from '../../components/ExportButton';
import { DealerSelect } from '../dealers/DealerSelect';
import { formatDateTime, formatFen } from '../../lib/format';
import { useAccess } from '../../lib/access';
import type { Termination } from '../../../shared/schemas';
import { useAction, useTermination } from './api';

function TerminationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const access = useAccess();
  const x = useTermination(id).data;
  const keys = [['termination', id ?? ''], ['terminations']];
  const check = useAction<{ item: string; done: boolean }>(
    'PUT',
    (b) => `/terminations/${id}/checklist/${b.item}`,
    keys,
    (b) => ({ done: b.done }),
  );
  const complete = useAction<{ successorDealerId?: string }>('POST', () => `/terminations/${id}/complete`, keys);
  const [successor, setSuccessor] = useState<string | undefined>();
  const editable = x?.status === 'open' && access.can('terminations.manage');
  return (
    <Drawer open={!!id} onClose={onClose} width={760} title={x ? `${x.dealerName}（${x.dealerCode}）` : ''}>
      {x && (
        <>
          <Row gutter={16}>
            <Col span={8}>
              <Statistic title={t('performance.exit.buyback')} value={formatFen(x.buybackFen)} />
            </Col>
            <Col span={8}>
              <Statistic title={t('performance.exit.receivables')} value={formatFen(x.receivablesOffsetFen)} />
            </Col>
            <Col span={8}>
              <Statistic title={t('performance.exit.net')} value={formatFen(x.netPayableFen)} valueStyle={{ color: x.netPayableFen < 0 ? '#cf1322' : undefined }} />
            </Col>
          </Row>
          <Descriptions size="small" style={{ marginTop: 12 }} column={2}>
            <Descriptions.Item label={t('performance.exit.reason')}>{x.reason}</Descriptions.Item>
            <Descriptions.Item label={t('performance.status')}>{t(`performance.exit.statuses.${x.status}`)}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('performance.exit.checklist')} style={{ marginTop: 12 }}>
            {x.checklist.map((c) => (
              <div key={c.item}>
                <Checkbox checked={c.done} disabled={!editable} onChange={(e) => check.mutate({ item: c.item, done: e.target.checked })}>
                  {t(`performance.exit.items.${c.item}`)}
                </Checkbox>
                {c.doneBy && (
                  <span style={{ color: '#888' }}>
                    {' '}
                    — {c.doneBy} {formatDateTime(c.doneAt)}
                  </span>
                )}
              </div>
            ))}
          </Card>
          <Card size="small" title={t('performance.exit.stock')} style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey={(r) => `${r.productId}|${r.condition}`}
              pagination={false}
              dataSource={x.stockLines}
              columns={[
                { title: 'SKU', dataIndex: 'sku' },
                { title: t('performance.exit.product'), dataIndex: 'name' },
                { title: t('performance.exit.condition'), dataIndex: 'condition', render: (c: string) => t(`performance.exit.conditions.${c}`) },
                { title: t('performance.exit.quantity'), dataIndex: 'quantity', align: 'right' },
                { title: t('performance.exit.price'), align: 'right', render: (_, r) => formatFen(r.unitPriceFen) },
                { title: t('performance.exit.rate'), align: 'right', render: (_, r) => `${Math.round(r.rate * 100)}%` },
                { title: t('performance.exit.value'), align: 'right', render: (_, r) => formatFen(r.valueFen) },
              ]}
            />
          </Card>
          <Card size="small" title={t('performance.exit.successors')} style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={x.successors}
              columns={[
                { title: t('performance.exit.candidate'), dataIndex: 'name' },
                { title: t('performance.exit.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`performance.exit.kinds.${k}`)}</Tag> },
                { title: t('performance.exit.score'), dataIndex: 'score', render: (s: number | null) => s ?? '—' },
                { title: t('performance.exit.proximity'), dataIndex: 'proximity', render: (p: number) => t(`performance.exit.proximities.${p}`) },
                { title: t('performance.exit.rankScore'), dataIndex: 'rankScore' },
              ]}
            />
          </Card>
          {editable && (
            <Card size="small" style={{ marginTop: 12 }}>
              <span style={{ display: 'inline-block', width: 320 }}>
                <DealerSelect value={successor ?? null} onChange={(v) => setSuccessor(v ?? undefined)} excludeId={x.dealerId} placeholder={t('performance.exit.successorDealer')} />
              </span>
              <Button
                danger
                type="primary"
                style={{ marginLeft: 8 }}
                loading={complete.isPending}
                onClick={() =>
                  complete.mutate(
                    { successorDealerId: successor },
                    { onSuccess: () => void message.success(t('performance.exit.completed')), onError: (e) => void message.error((e as Error).message) },
                  )
                }
              >
                {t('performance.exit.complete')}
              </Button>
            </Card>
          )}
        </>
      )}
    </Drawer>
  );
}

export default function TerminationsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const access = useAccess();
  const [search] = useSearchParams();
  const [open, setOpen] = useState<string | null>(null);
  const list = useCursorList<Termination>(['terminations'], '/terminations', {}, 50);
  const create = useAction<{ dealerId: string; reason: string; warningId?: string }, Termination>('POST', () => '/terminations', [['terminations']]);
  const warningId = search.get('warningId') ?? undefined;
  return (
    <>
      <PageHeader title={t('performance.exit.title')} sub={t('performance.exit.sub')} extra={<ExportButton path="/terminations" params={{}} filename="terminations.xlsx" />} />
      {access.can('terminations.manage') && (
        <Card size="small" title={t('performance.exit.open')} style={{ marginBottom: 16 }}>
          <Form
            layout="inline"
            initialValues={{ dealerId: search.get('dealerId') ?? undefined }}
            onFinish={(v: { dealerId: string; reason: string }) => create.mutate({ ...v, warningId }, { onSuccess: (r) => setOpen(r.id), onError: (e) => void message.error((e as Error).message) })}
          >
            <Form.Item name="dealerId" rules={[{ required: true }]} style={{ width: 280 }}>
              <DealerSelect placeholder={t('performance.dealer')} />
            </Form.Item>
            <Form.Item name="reason" rules={[{ required: true }]}>
              <Input style={{ width: 320 }} placeholder={t('performance.exit.reason')} />
            </Form.Item>
            <Button danger htmlType="submit" loading={create.isPending} data-testid="open-termination">
              {t('performance.exit.openButton')}
            </Button>
          </Form>
        </Card>
      )}
      <CursorTable<Termination>
        query={list}
        rowKey="id"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('performance.dealer'), render: (_, x) => `${x.dealerName}（${x.dealerCode}）` },
          { title: t('performance.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'open' ? 'red' : 'default'}>{t(`performance.exit.statuses.${s}`)}</Tag> },
          { title: t('performance.exit.reason'), dataIndex: 'reason' },
          { title: t('performance.exit.buyback'), align: 'right', render: (_, x) => formatFen(x.buybackFen) },
          { title: t('performance.exit.net'), align: 'right', render: (_, x) => formatFen(x.netPayableFen) },
          { title: t('performance.exit.openedAt'), dataIndex: 'openedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
      <TerminationDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
