import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Collapse, Empty, Flex, Form, Input, InputNumber, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SCREENING_GROUPS, type Prospect, type ScreeningCriteria } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { formatDateTime } from '../../lib/format';
import { QueryError } from '../../components/QueryState';
import { useCriteria, useScreen, useScreenings } from './api';
import { catalogName } from './labels';
import { ScreeningResultView } from './ScreeningResultView';

const SCREENABLE = ['new', 'screening', 'due_diligence'];

interface Values {
  scores: Record<string, number | null>;
  knockOuts: string[];
  note?: string;
}

function ScorecardForm({ prospect, criteria, onDone }: { prospect: Prospect; criteria: ScreeningCriteria; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const screen = useScreen(prospect.id);
  const scores = Form.useWatch('scores', form) ?? {};
  const knockOuts = Form.useWatch('knockOuts', form) ?? [];
  // A preview only: the server scores the submission and its answer is what is kept.
  const preview = Math.round(criteria.criteria.reduce((s, c) => s + c.weight * (scores[c.key] ?? 0), 0)) / 100;
  const complete = criteria.criteria.every((c) => typeof scores[c.key] === 'number');

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ scores: {}, knockOuts: [] }}
      onFinish={(v) =>
        screen.mutate(
          { scores: criteria.criteria.map((c) => ({ criterion: c.key, score: v.scores[c.key] ?? 0 })), knockOuts: v.knockOuts ?? [], ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
          {
            onSuccess: () => {
              form.resetFields();
              onDone();
            },
          },
        )
      }
      data-testid="scorecard-form"
    >
      <Row gutter={16}>
        <Col xs={24} lg={17}>
          {SCREENING_GROUPS.map((group) => {
            const members = criteria.criteria.filter((c) => c.group === group);
            if (!members.length) return null;
            const weight = members.reduce((s, c) => s + c.weight, 0);
            return (
              <Card key={group} size="small" style={{ marginBottom: 12 }} title={`${t(`recruitment.groups.${group}`)} · ${t('recruitment.criteria.weight')} ${weight}%`}>
                {members.map((c) => (
                  <Row key={c.key} gutter={8} align="middle" style={{ marginBottom: 4 }}>
                    <Col flex="auto">
                      <Typography.Text>{catalogName(t, 'criteria', c.key, c.name)}</Typography.Text> <Typography.Text type="secondary">({c.weight}%)</Typography.Text>
                    </Col>
                    <Col flex="120px">
                      <Form.Item name={['scores', c.key]} rules={[{ required: true, message: t('recruitment.screening.scoreRequired') }]} style={{ marginBottom: 0 }}>
                        <InputNumber min={0} max={100} precision={1} placeholder="0-100" style={{ width: '100%' }} data-testid={`score-${c.key}`} />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
              </Card>
            );
          })}
        </Col>
        <Col xs={24} lg={7}>
          <Card size="small" style={{ position: 'sticky', top: 16 }}>
            <Statistic
              title={t('recruitment.screening.preview')}
              value={preview}
              precision={2}
              suffix={`/ ${t('recruitment.criteria.passMark')} ${criteria.passMark}`}
              data-testid="screening-preview"
            />
            {criteria.knockOuts.length > 0 && (
              <Form.Item name="knockOuts" label={t('recruitment.screening.knockOuts')} style={{ marginTop: 12 }}>
                <Checkbox.Group
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  options={criteria.knockOuts.map((k) => ({ value: k.key, label: <span data-testid={`ko-${k.key}`}>{catalogName(t, 'knockOuts', k.key, k.name)}</span> }))}
                />
              </Form.Item>
            )}
            {knockOuts.length > 0 && <Alert type="error" showIcon title={t('recruitment.screening.knockOutWarning')} style={{ marginBottom: 12 }} />}
            <Form.Item name="note" label={t('recruitment.screening.note')}>
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={screen.isPending} data-testid="screening-submit">
              {complete ? t('recruitment.screening.submit') : t('recruitment.screening.submitIncomplete')}
            </Button>
          </Card>
        </Col>
      </Row>
    </Form>
  );
}

export function ScreeningTab({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const criteria = useCriteria();
  const screenings = useScreenings(prospect.id);
  const [scoring, setScoring] = useState(false);
  if (criteria.isLoading || screenings.isLoading) return <Skeleton active />;
  if (criteria.isError) return <QueryError error={criteria.error} onRetry={() => void criteria.refetch()} />;
  if (screenings.isError) return <QueryError error={screenings.error} onRetry={() => void screenings.refetch()} />;
  const list = screenings.data?.items ?? [];
  const knockOutNames = Object.fromEntries((criteria.data?.knockOuts ?? []).map((k) => [k.key, k.name]));
  const canScreen = can('prospects.write') && SCREENABLE.includes(prospect.stage);
  const showForm = canScreen && (scoring || list.length === 0);

  return (
    <div data-testid="screening-tab">
      {list[0] && (
        <>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('recruitment.screening.latest')}
            </Typography.Title>
            {canScreen && !scoring && (
              <Button onClick={() => setScoring(true)} data-testid="screen-again">
                {t('recruitment.screening.again')}
              </Button>
            )}
          </Flex>
          <ScreeningResultView result={list[0]} knockOutNames={knockOutNames} />
        </>
      )}
      {showForm && criteria.data && (
        <div style={{ marginTop: list.length ? 24 : 0 }}>
          <Typography.Title level={5}>{t('recruitment.screening.scorecard')}</Typography.Title>
          <ScorecardForm prospect={prospect} criteria={criteria.data} onDone={() => setScoring(false)} />
        </div>
      )}
      {!list.length && !showForm && <Empty description={t('recruitment.screening.none')} />}
      {list.length > 1 && (
        <Collapse
          style={{ marginTop: 24 }}
          items={[
            {
              key: 'older',
              label: t('recruitment.screening.older', { count: list.length - 1 }),
              children: list.slice(1).map((r) => (
                <div key={r.id} style={{ marginBottom: 16 }}>
                  <Typography.Text type="secondary">{formatDateTime(r.at)}</Typography.Text>
                  <ScreeningResultView result={r} knockOutNames={knockOutNames} />
                </div>
              )),
            },
          ]}
        />
      )}
    </div>
  );
}
