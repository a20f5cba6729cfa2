import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DECISIONS, type Decision, type Prospect } from '../../../shared/schemas/recruitment.js';
import { useAccess } from '../../lib/access';
import { download } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useDecide } from './api';
import { ConvertForm } from './ConvertForm';

const DECISION_COLORS: Record<Decision, string> = { approve: 'success', conditional: 'warning', reject: 'error' };

function DecisionForm({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ decision: Decision; reasons: string }>();
  const decide = useDecide(prospect.id);
  const canApprove = prospect.stage === 'due_diligence' || prospect.stage === 'decision';
  const choice = Form.useWatch('decision', form);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ decision: canApprove ? 'approve' : 'reject' }}
      onFinish={(v) =>
        decide.mutate(
          {
            decision: v.decision,
            reasons: v.reasons
              .split('\n')
              .map((r) => r.trim())
              .filter(Boolean),
          },
          { onSuccess: () => form.resetFields(['reasons']) },
        )
      }
      data-testid="decision-form"
    >
      <Form.Item name="decision" label={t('recruitment.decision.label')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={DECISIONS.map((d) => ({ value: d, label: <span data-testid={`decision-${d}`}>{t(`recruitment.decision.options.${d}`)}</span>, disabled: d !== 'reject' && !canApprove }))}
        />
      </Form.Item>
      {!canApprove && <Alert type="info" showIcon title={t('recruitment.decision.needsDueDiligence')} style={{ marginBottom: 12 }} />}
      <Form.Item
        name="reasons"
        label={choice === 'conditional' ? t('recruitment.decision.conditions') : t('recruitment.decision.reasons')}
        extra={t('recruitment.decision.reasonsHint')}
        rules={[{ required: true, whitespace: true, message: t('recruitment.form.required') }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="decision-reasons" />
      </Form.Item>
      <Button type="primary" danger={choice === 'reject'} htmlType="submit" loading={decide.isPending} data-testid="decision-submit">
        {t('recruitment.decision.submit')}
      </Button>
    </Form>
  );
}

/** The HQ decision (approve, approve with conditions, reject with reasons) and the contract that makes the dealer. */
export function DecisionTab({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const contract = useMutation({ mutationFn: () => download(`/prospects/${prospect.id}/contract.docx`, undefined, `contract-${prospect.number}.docx`) });
  const d = prospect.decision;
  const open = prospect.stage !== 'converted' && prospect.stage !== 'rejected';
  const approved = prospect.stage === 'decision' && (d?.decision === 'approve' || d?.decision === 'conditional');
  return (
    <div data-testid="decision-tab">
      {d && (
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 3 }}
          style={{ marginBottom: 16 }}
          data-testid="decision-view"
          items={[
            { key: 'd', label: t('recruitment.decision.label'), children: <Tag color={DECISION_COLORS[d.decision]}>{t(`recruitment.decision.options.${d.decision}`)}</Tag> },
            { key: 'by', label: t('recruitment.moves.by'), children: d.decidedBy },
            { key: 'at', label: t('recruitment.moves.at'), children: formatDateTime(d.decidedAt) },
            {
              key: 'r',
              label: t('recruitment.decision.reasons'),
              span: 3,
              children: (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {d.reasons.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
      {prospect.stage === 'converted' && prospect.dealerId && (
        <Alert
          type="success"
          showIcon
          title={t('recruitment.convert.done')}
          action={
            <Space>
              <Link to={`/dealers/${prospect.dealerId}`}>{t('recruitment.detail.openDealer')}</Link>
              <Button icon={<FileWordOutlined />} loading={contract.isPending} onClick={() => contract.mutate()} data-testid="contract-docx">
                {t('recruitment.convert.contractDocx')}
              </Button>
            </Space>
          }
        />
      )}
      {open && can('prospects.decide') && (
        <Card size="small" title={approved ? t('recruitment.decision.change') : t('recruitment.decision.title')} style={{ marginBottom: 16 }}>
          <DecisionForm prospect={prospect} />
        </Card>
      )}
      {approved && can('prospects.decide') && (
        <Card size="small" title={t('recruitment.convert.title')}>
          <ConvertForm prospect={prospect} />
        </Card>
      )}
      {open && !can('prospects.decide') && <Typography.Text type="secondary">{t('recruitment.decision.hqOnly')}</Typography.Text>}
    </div>
  );
}
