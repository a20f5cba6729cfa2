import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Statistic, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SCREENING_GROUPS, type ScreeningCriteria } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { applyFieldErrors } from '../../lib/errors';
import { PageHeader } from '../../components/PageHeader';
import { Loading, QueryError } from '../../components/QueryState';
import { useCriteria, useSaveCriteria } from './api';
import { catalogName } from './labels';

const KEY = /^[a-z][a-z0-9_]*$/;
/** Two decimals, as the server totals weights (binary noise removed). */
const sumOf = (weights: (number | null | undefined)[]) => Math.round(weights.reduce<number>((s, w) => s + (w ?? 0), 0) * 100) / 100;

export default function CriteriaPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const editable = can('prospects.configure');
  const criteria = useCriteria();
  const save = useSaveCriteria();
  const [form] = Form.useForm<ScreeningCriteria>();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const rows = Form.useWatch('criteria', form) ?? [];
  const sum = sumOf(rows.map((r) => r?.weight));
  const groupSums = SCREENING_GROUPS.map((g) => ({ g, w: sumOf(rows.filter((r) => r?.group === g).map((r) => r.weight)) }));

  useEffect(() => {
    if (criteria.data) form.setFieldsValue(criteria.data);
  }, [criteria.data, form]);

  if (criteria.isLoading) return <Loading />;
  if (criteria.isError) return <QueryError error={criteria.error} onRetry={() => void criteria.refetch()} />;
  const original = new Set(criteria.data?.criteria.map((c) => c.key));
  const originalKo = new Set(criteria.data?.knockOuts.map((c) => c.key));

  return (
    <div data-testid="criteria-page">
      <PageHeader title={t('recruitment.menu.criteria')} sub={editable ? t('recruitment.criteria.hintEdit') : t('recruitment.criteria.hintRead')} />
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => setUnplaced([]),
            onError: (e) => setUnplaced(applyFieldErrors(form, e, t, { fields: ['knockOuts', 'passMark'] })),
          })
        }
      >
        <Row gutter={16}>
          <Col xs={24} lg={17}>
            <Card size="small" title={t('recruitment.criteria.criteria')}>
              <Form.List name="criteria">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field) => {
                      const key = form.getFieldValue(['criteria', field.name, 'key']) as string | undefined;
                      const known = !!key && original.has(key);
                      return (
                        <Row key={field.key} gutter={8} align="top" data-testid="criterion-row" data-key={key}>
                          <Col xs={24} sm={5}>
                            <Form.Item
                              name={[field.name, 'key']}
                              rules={[
                                { required: true, message: t('recruitment.form.required') },
                                { pattern: KEY, message: t('recruitment.criteria.keyPattern') },
                              ]}
                            >
                              <Input placeholder={t('recruitment.criteria.key')} disabled={known || !editable} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} sm={9}>
                            <Form.Item
                              name={[field.name, 'name']}
                              rules={[{ required: true, whitespace: true, message: t('recruitment.form.required') }]}
                              extra={known && key ? catalogName(t, 'criteria', key, '') : undefined}
                            >
                              <Input maxLength={100} placeholder={t('recruitment.criteria.name')} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} sm={4}>
                            <Form.Item name={[field.name, 'group']} rules={[{ required: true, message: t('recruitment.form.required') }]}>
                              <Select options={SCREENING_GROUPS.map((g) => ({ value: g, label: t(`recruitment.groups.${g}`) }))} />
                            </Form.Item>
                          </Col>
                          <Col xs={9} sm={4}>
                            <Form.Item name={[field.name, 'weight']} rules={[{ required: true, message: t('recruitment.form.required') }]}>
                              <InputNumber min={0.01} max={100} precision={2} suffix="%" style={{ width: '100%' }} data-testid="criterion-weight" />
                            </Form.Item>
                          </Col>
                          <Col xs={3} sm={2}>
                            {editable && <Button icon={<DeleteOutlined />} type="text" danger onClick={() => remove(field.name)} aria-label={t('common.delete')} />}
                          </Col>
                        </Row>
                      );
                    })}
                    {editable && (
                      <Button icon={<PlusOutlined />} type="dashed" onClick={() => add({ group: 'market' })} block>
                        {t('recruitment.criteria.addCriterion')}
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            </Card>
            <Card size="small" title={t('recruitment.criteria.knockOuts')} style={{ marginTop: 16 }}>
              <Typography.Paragraph type="secondary">{t('recruitment.criteria.knockOutsHint')}</Typography.Paragraph>
              <Form.List name="knockOuts">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field) => {
                      const key = form.getFieldValue(['knockOuts', field.name, 'key']) as string | undefined;
                      return (
                        <Row key={field.key} gutter={8}>
                          <Col xs={24} sm={6}>
                            <Form.Item
                              name={[field.name, 'key']}
                              rules={[
                                { required: true, message: t('recruitment.form.required') },
                                { pattern: KEY, message: t('recruitment.criteria.keyPattern') },
                              ]}
                            >
                              <Input placeholder={t('recruitment.criteria.key')} disabled={(!!key && originalKo.has(key)) || !editable} />
                            </Form.Item>
                          </Col>
                          <Col xs={21} sm={16}>
                            <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('recruitment.form.required') }]}>
                              <Input maxLength={100} placeholder={t('recruitment.criteria.name')} />
                            </Form.Item>
                          </Col>
                          <Col xs={3} sm={2}>
                            {editable && <Button icon={<DeleteOutlined />} type="text" danger onClick={() => remove(field.name)} aria-label={t('common.delete')} />}
                          </Col>
                        </Row>
                      );
                    })}
                    {editable && (
                      <Button icon={<PlusOutlined />} type="dashed" onClick={() => add()} block>
                        {t('recruitment.criteria.addKnockOut')}
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            </Card>
          </Col>
          <Col xs={24} lg={7}>
            <Card size="small" style={{ position: 'sticky', top: 16 }}>
              <Statistic title={t('recruitment.criteria.sum')} value={sum} precision={2} suffix="/ 100" styles={{ content: { color: sum === 100 ? '#237804' : '#cf1322' } }} data-testid="weight-sum" />
              {sum !== 100 && <Alert type="error" showIcon style={{ margin: '8px 0' }} title={t('recruitment.criteria.sumWrong', { sum })} data-testid="weight-sum-error" />}
              <Space orientation="vertical" style={{ width: '100%', margin: '8px 0' }} size={2}>
                {groupSums.map(({ g, w }) => (
                  <Flex key={g} justify="space-between">
                    <Typography.Text type="secondary">{t(`recruitment.groups.${g}`)}</Typography.Text>
                    <Typography.Text>{w}</Typography.Text>
                  </Flex>
                ))}
              </Space>
              <Form.Item name="passMark" label={t('recruitment.criteria.passMark')} rules={[{ required: true, message: t('recruitment.form.required') }]}>
                <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} data-testid="pass-mark" />
              </Form.Item>
              {unplaced.length > 0 && <Alert type="error" showIcon title={unplaced.join('\n')} style={{ marginBottom: 8 }} />}
              {editable && (
                <Button type="primary" htmlType="submit" block loading={save.isPending} disabled={sum !== 100} data-testid="criteria-save">
                  {t('common.save')}
                </Button>
              )}
            </Card>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
