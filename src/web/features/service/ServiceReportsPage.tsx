import { useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, Modal, Row, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EChart } from '../../components/EChart';
import { QueryError } from '../../components/QueryState';
import { api, download, request } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useAccess } from '../../lib/access';
import { pct, type Monthly, type Quarterly, type ReportGroup } from './api';
import { quarterOf } from '../../../shared/dates.js';

const STAGES = ['response', 'resolution', 'confirmation'] as const;

function MonthlyReport() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const qc = useQueryClient();
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(dayjs().date() < 5 ? 1 : 0, 'month'));
  const [review, setReview] = useState<Monthly['recurring'][number] | null>(null);
  const [form] = Form.useForm();
  const m = month.format('YYYY-MM');
  const q = useQuery({ queryKey: ['reports', 'feedback', m], queryFn: ({ signal }) => api.get<Monthly>('/reports/feedback-monthly', { month: m }, signal) });
  const save = useMutation({
    mutationFn: (v: { rootCause: string; preventiveAction: string }) =>
      request('PUT', '/reports/feedback-monthly/reviews', { body: { month: m, type: review!.type, productSku: review!.productSku, ...v } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['reports', 'feedback', m] });
      setReview(null);
    },
  });
  const d = q.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} />
        <Button icon={<DownloadOutlined />} onClick={() => download('/reports/feedback-monthly', { month: m, format: 'xlsx' }, `feedback-${m}.xlsx`)} data-testid="export-feedback">
          {t('common.export')}
        </Button>
      </Space>
      {q.error && <QueryError error={q.error} />}
      {d && (
        <>
          <Row gutter={[12, 12]}>
            {[
              ['received', d.totals.received],
              ['resolved', d.totals.resolved],
              ['unresolved', d.totals.unresolved],
              ['breachRate', pct(d.totals.breachRate)],
              ['averageRating', d.totals.averageRating ?? '-'],
            ].map(([k, v]) => (
              <Col xs={12} md={8} lg={4} key={k as string}>
                <Card size="small">
                  <Statistic title={t(`service.reports.totals.${k}`)} value={v as string | number} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('service.reports.byType')}>
                {d.byType.length ? (
                  <EChart
                    testId="chart-by-type"
                    option={{
                      tooltip: {},
                      legend: { top: 0 },
                      grid: { left: 40, right: 10, top: 36, bottom: 30 },
                      xAxis: { type: 'category', data: d.byType.map((x) => t(`service.type.${x.type}`)) },
                      yAxis: { type: 'value', minInterval: 1 },
                      series: [
                        { type: 'bar', name: t('service.reports.totals.received'), data: d.byType.map((x) => x.received) },
                        { type: 'bar', name: t('service.reports.totals.unresolved'), data: d.byType.map((x) => x.unresolved) },
                      ],
                    }}
                  />
                ) : (
                  <div style={{ padding: 24, textAlign: 'center', color: '#999' }}>{t('service.reports.noData')}</div>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('service.reports.recurring')}>
                <Table
                  size="small"
                  rowKey={(r) => `${r.type}-${r.productSku}`}
                  pagination={false}
                  dataSource={d.recurring}
                  locale={{ emptyText: t('service.reports.noRecurring') }}
                  columns={[
                    { title: t('service.fields.type'), dataIndex: 'type', render: (v) => t(`service.type.${v}`) },
                    { title: t('service.fields.productSku'), dataIndex: 'productSku' },
                    { title: t('service.reports.count'), dataIndex: 'count' },
                    { title: t('service.reports.rootCause'), dataIndex: 'rootCause', render: (v) => v ?? <Tag color="orange">{t('service.reports.missing')}</Tag> },
                    { title: t('service.reports.preventiveAction'), dataIndex: 'preventiveAction', render: (v) => v ?? '-' },
                    ...(can('knowledge.write')
                      ? [
                          {
                            title: '',
                            key: 'edit',
                            render: (_: unknown, r: Monthly['recurring'][number]) => (
                              <a
                                onClick={() => {
                                  setReview(r);
                                  form.setFieldsValue({ rootCause: r.rootCause ?? '', preventiveAction: r.preventiveAction ?? '' });
                                }}
                              >
                                {t('service.reports.record')}
                              </a>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('service.reports.unresolved')} style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey="id"
              dataSource={d.unresolved}
              pagination={{ pageSize: 10 }}
              scroll={{ x: 800 }}
              columns={[
                { title: t('service.fields.number'), dataIndex: 'number', render: (v, r) => <Link to={`/service/tickets/${r.id}`}>{v}</Link> },
                { title: t('service.fields.dealer'), dataIndex: 'dealerName' },
                { title: t('service.fields.type'), dataIndex: 'type', render: (v) => t(`service.type.${v}`) },
                { title: t('service.fields.subject'), dataIndex: 'subject' },
                { title: t('service.fields.step'), dataIndex: 'step', render: (v) => t(`service.step.${v}`) },
                { title: t('service.fields.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
                {
                  title: t('service.sla.title'),
                  dataIndex: 'breached',
                  render: (v) => (v ? <Tag color="red">{t('service.sla.breached')}</Tag> : <Tag color="green">{t('service.sla.legend.green')}</Tag>),
                },
              ]}
            />
          </Card>
        </>
      )}
      <Modal
        open={!!review}
        title={review ? `${t(`service.type.${review.type}`)} · ${review.productSku}` : ''}
        onCancel={() => setReview(null)}
        onOk={() => form.validateFields().then((v) => save.mutate(v))}
        okButtonProps={{ loading: save.isPending }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="rootCause" label={t('service.reports.rootCause')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="preventiveAction" label={t('service.reports.preventiveAction')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function QuarterlyReport() {
  const { t } = useTranslation();
  const [quarter, setQuarter] = useState<Dayjs>(dayjs());
  const qs = quarterOf(quarter.format('YYYY-MM-DD'));
  const q = useQuery({ queryKey: ['reports', 'communication', qs], queryFn: ({ signal }) => api.get<Quarterly>('/reports/communication-quarterly', { quarter: qs }, signal) });
  const d = q.data;
  const stageCols = STAGES.flatMap((s) => [
    { title: `${t(`service.reports.stage.${s}`)} ${t('service.reports.median')}`, key: `${s}-m`, render: (_: unknown, g: ReportGroup) => g.stages[s].medianHours ?? '-' },
    { title: 'P90', key: `${s}-p`, render: (_: unknown, g: ReportGroup) => g.stages[s].p90Hours ?? '-' },
  ]);
  const groupColumns = (label: string) => [
    { title: label, dataIndex: 'label', fixed: 'left' as const },
    { title: t('service.reports.tickets'), dataIndex: 'tickets' },
    { title: t('service.reports.totals.breachRate'), dataIndex: 'breachRate', render: pct },
    ...stageCols,
    { title: t('service.reports.lagging'), dataIndex: 'laggingStage', render: (v: string | null) => (v ? <Tag color="orange">{t(`service.reports.stage.${v}`)}</Tag> : '-') },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="quarter" value={quarter} onChange={(v) => v && setQuarter(v)} allowClear={false} />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => download('/reports/communication-quarterly', { quarter: qs, format: 'xlsx' }, `communication-${qs}.xlsx`)}
          data-testid="export-communication"
        >
          {t('common.export')}
        </Button>
      </Space>
      {q.error && <QueryError error={q.error} />}
      {d && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('service.reports.tickets')} value={d.overall.tickets} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('service.reports.totals.breachRate')} value={pct(d.overall.breachRate)} />
              </Card>
            </Col>
            {STAGES.slice(0, 2).map((s) => (
              <Col xs={12} md={6} key={s}>
                <Card size="small">
                  <Statistic
                    title={`${t(`service.reports.stage.${s}`)} ${t('service.reports.median')} / P90 (h)`}
                    value={`${d.overall.stages[s].medianHours ?? '-'} / ${d.overall.stages[s].p90Hours ?? '-'}`}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            style={{ marginTop: 12 }}
            title={`${t('service.reports.stageChart')}${d.overall.laggingStage ? ` · ${t('service.reports.lagging')}: ${t(`service.reports.stage.${d.overall.laggingStage}`)}` : ''}`}
          >
            {d.byRegion.length ? (
              <EChart
                testId="chart-stages"
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 50, right: 10, top: 40, bottom: 30 },
                  xAxis: { type: 'category', data: d.byRegion.map((g) => g.label) },
                  yAxis: { type: 'value', name: 'h' },
                  series: STAGES.map((s) => ({ type: 'bar', stack: 'm', name: t(`service.reports.stage.${s}`), data: d.byRegion.map((g) => g.stages[s].medianHours ?? 0) })),
                }}
              />
            ) : (
              <div style={{ padding: 24, textAlign: 'center', color: '#999' }}>{t('service.reports.noData')}</div>
            )}
          </Card>
          <Card size="small" style={{ marginTop: 12 }} title={t('service.reports.byRegion')}>
            <Table size="small" rowKey="key" dataSource={d.byRegion} pagination={false} scroll={{ x: 1100 }} columns={groupColumns(t('service.reports.region'))} />
          </Card>
          <Card size="small" style={{ marginTop: 12 }} title={t('service.reports.byManager')}>
            <Table size="small" rowKey="key" dataSource={d.byManager} pagination={false} scroll={{ x: 1100 }} columns={groupColumns(t('service.reports.manager'))} />
          </Card>
        </>
      )}
    </>
  );
}

export default function ServiceReportsPage() {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t('service.reports.title')} sub={t('service.reports.sub')} />
      <Tabs
        items={[
          { key: 'm', label: t('service.reports.monthly'), children: <MonthlyReport /> },
          { key: 'q', label: t('service.reports.quarterly'), children: <QuarterlyReport /> },
        ]}
      />
    </div>
  );
}
