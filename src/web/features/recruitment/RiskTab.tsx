import { AutoComplete, Button, Card, Col, Form, Input, Radio, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHECKLISTS, RISK_BANDS, type Finding, type FindingBody, type Prospect, type RiskReport } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { formatDateTime } from '../../lib/format';
import { QueryError } from '../../components/QueryState';
import { useAddFinding, useChecklists, useRisk } from './api';
import { BAND_COLORS, BandTag, bandOfScore, catalogName } from './labels';

const LEVELS = [1, 2, 3, 4, 5];

/** The 5x5 heat grid: likelihood up, impact across, each cell coloured by its band and counting findings. */
export function HeatGrid({ grid, bands }: { grid: RiskReport['grid']; bands: RiskReport['bands'] }) {
  const { t } = useTranslation();
  const cell = 52;
  return (
    <div data-testid="heat-grid" style={{ display: 'inline-block' }}>
      <div style={{ display: 'flex' }}>
        <div style={{ writingMode: 'vertical-rl', textAlign: 'center', fontSize: 12, color: '#595959', width: 18 }}>{t('recruitment.risk.likelihood')}</div>
        <div>
          {[...LEVELS].reverse().map((l) => (
            <div key={l} style={{ display: 'flex' }}>
              <div style={{ width: 20, lineHeight: `${cell}px`, textAlign: 'center', fontSize: 12, color: '#8c8c8c' }}>{l}</div>
              {LEVELS.map((i) => {
                const count = grid[l - 1]?.[i - 1] ?? 0;
                const band = bandOfScore(l * i, bands);
                return (
                  <div
                    key={i}
                    title={`${t('recruitment.risk.likelihood')} ${l} × ${t('recruitment.risk.impact')} ${i} = ${l * i} · ${t(`recruitment.risk.bands.${band}`)}`}
                    data-testid="heat-cell"
                    data-l={l}
                    data-i={i}
                    data-count={count}
                    style={{
                      width: cell,
                      height: cell,
                      margin: 1,
                      borderRadius: 4,
                      background: BAND_COLORS[band],
                      opacity: count ? 1 : 0.35,
                      display: 'flex',
                      alignItems: 'center',
                      justifyContent: 'center',
                      fontWeight: 600,
                      fontSize: 16,
                      outline: count ? '2px solid rgba(0,0,0,0.45)' : undefined,
                    }}
                  >
                    {count || ''}
                  </div>
                );
              })}
            </div>
          ))}
          <div style={{ display: 'flex', marginLeft: 20 }}>
            {LEVELS.map((i) => (
              <div key={i} style={{ width: cell, margin: 1, textAlign: 'center', fontSize: 12, color: '#8c8c8c' }}>
                {i}
              </div>
            ))}
          </div>
          <div style={{ textAlign: 'center', fontSize: 12, color: '#595959', marginLeft: 20 }}>{t('recruitment.risk.impact')}</div>
        </div>
      </div>
    </div>
  );
}

function FindingForm({ prospect, bands }: { prospect: Prospect; bands: RiskReport['bands'] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FindingBody>();
  const add = useAddFinding(prospect.id);
  const checklist = Form.useWatch('checklist', form) ?? 'A';
  const lists = useChecklists(prospect.id, true);
  const items = lists.data?.checklists.find((c) => c.checklist === checklist)?.items ?? [];
  const likelihood = Form.useWatch('likelihood', form);
  const impact = Form.useWatch('impact', form);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ checklist: 'A' }}
      onFinish={(v) => add.mutate({ ...v, item: v.item.trim(), note: v.note?.trim() ?? '' }, { onSuccess: () => form.resetFields() })}
      data-testid="finding-form"
    >
      <Row gutter={12}>
        <Col xs={24} sm={6}>
          <Form.Item name="checklist" label={t('recruitment.risk.checklist')}>
            <Select options={CHECKLISTS.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={18}>
          <Form.Item name="item" label={t('recruitment.risk.item')} rules={[{ required: true, whitespace: true, message: t('recruitment.form.required') }]} extra={t('recruitment.risk.itemHint')}>
            <AutoComplete
              options={items.map((i) => ({ value: i.code, label: `${i.code} ${catalogName(t, 'checklistItems', i.key, i.name)}` }))}
              filterOption={(input, o) =>
                String(o?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
              data-testid="finding-item"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="likelihood" label={t('recruitment.risk.likelihood')} rules={[{ required: true, message: t('recruitment.form.required') }]}>
            <Radio.Group optionType="button" options={LEVELS.map((v) => ({ value: v, label: <span data-testid={`likelihood-${v}`}>{v}</span> }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="impact" label={t('recruitment.risk.impact')} rules={[{ required: true, message: t('recruitment.form.required') }]}>
            <Radio.Group optionType="button" options={LEVELS.map((v) => ({ value: v, label: <span data-testid={`impact-${v}`}>{v}</span> }))} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="note" label={t('recruitment.risk.note')} rules={[{ required: true, whitespace: true, message: t('recruitment.form.required') }]}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="finding-note" />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="finding-submit">
          {t('recruitment.risk.add')}
        </Button>
        {likelihood && impact && (
          <Typography.Text>
            {t('recruitment.risk.score')}: {likelihood * impact} <BandTag band={bandOfScore(likelihood * impact, bands)} />
          </Typography.Text>
        )}
      </Space>
    </Form>
  );
}

export function RiskTab({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const risk = useRisk(prospect.id);
  if (risk.isLoading) return <Skeleton active />;
  if (risk.isError || !risk.data) return <QueryError error={risk.error} onRetry={() => void risk.refetch()} />;
  const r = risk.data;
  const canAdd = can('prospects.write') && (prospect.stage === 'due_diligence' || prospect.stage === 'decision' || prospect.stage === 'screening');
  return (
    <div data-testid="risk-tab">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('recruitment.risk.grid')}>
            <Space align="start" wrap size={24}>
              <HeatGrid grid={r.grid} bands={r.bands} />
              <Space orientation="vertical">
                <Statistic title={t('recruitment.risk.rating')} valueRender={() => <BandTag band={r.rating} />} data-testid="risk-rating" data-band={r.rating} />
                {RISK_BANDS.map((b) => (
                  <Typography.Text key={b} data-testid={`band-count-${b}`}>
                    <span style={{ display: 'inline-block', width: 10, height: 10, background: BAND_COLORS[b], marginRight: 6, borderRadius: 2 }} />
                    {t(`recruitment.risk.bands.${b}`)}: {r.counts[b]}
                  </Typography.Text>
                ))}
              </Space>
            </Space>
          </Card>
        </Col>
        {canAdd && (
          <Col xs={24} lg={14}>
            <Card size="small" title={t('recruitment.risk.newFinding')}>
              <FindingForm prospect={prospect} bands={r.bands} />
            </Card>
          </Col>
        )}
      </Row>
      <Table<Finding>
        style={{ marginTop: 16 }}
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={r.findings}
        onRow={() => ({ 'data-testid': 'finding-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('recruitment.risk.checklist'), dataIndex: 'checklist', width: 60 },
          { title: t('recruitment.risk.item'), dataIndex: 'item' },
          { title: t('recruitment.risk.likelihood'), dataIndex: 'likelihood', align: 'right' },
          { title: t('recruitment.risk.impact'), dataIndex: 'impact', align: 'right' },
          { title: t('recruitment.risk.score'), dataIndex: 'score', align: 'right' },
          { title: t('recruitment.risk.band'), dataIndex: 'band', render: (b: Finding['band']) => <BandTag band={b} /> },
          { title: t('recruitment.risk.note'), dataIndex: 'note' },
          { title: t('recruitment.moves.by'), key: 'by', render: (_, f) => `${f.actorName} · ${formatDateTime(f.createdAt)}` },
        ]}
      />
    </div>
  );
}
