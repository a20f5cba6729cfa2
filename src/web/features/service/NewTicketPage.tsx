import { Button, Card, Form, Input, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { DealerSelect } from '../dealers/DealerSelect';
import { api } from '../../lib/api';
import { useAccess } from '../../lib/access';
import { CHANNELS, FEEDBACK_TYPES, REQUEST_TYPES, ticketKeys, type Ticket } from './api';

/** A dealer request (dealers' default) or a customer's feedback recorded by staff. */
export default function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user, isDealerUser } = useAccess();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) ?? 'dealer_request';
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<Ticket>('/tickets', body),
    onSuccess: (ticket) => {
      qc.invalidateQueries({ queryKey: ticketKeys.all });
      navigate(`/service/tickets/${ticket.id}`);
    },
  });
  const submit = (v: Record<string, string | undefined>) => {
    const { customerName, customerPhone, productSku, ...rest } = v;
    create.mutate({
      ...rest,
      ...(productSku ? { productSku } : {}),
      ...(customerName ? { customer: { name: customerName, ...(customerPhone ? { phone: customerPhone } : {}) } } : {}),
    });
  };
  const types = kind === 'customer_feedback' ? FEEDBACK_TYPES : REQUEST_TYPES;
  return (
    <div>
      <PageHeader title={t('service.new.title')} sub={t('service.new.sub')} />
      <Card style={{ maxWidth: 760 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ kind: 'dealer_request', channel: 'portal', priority: 'normal', type: 'supply', dealerId: isDealerUser ? (user?.dealerId ?? undefined) : undefined }}
          onValuesChange={(changed) => {
            if (changed.kind) form.setFieldsValue({ channel: CHANNELS[changed.kind][0], type: (changed.kind === 'customer_feedback' ? FEEDBACK_TYPES : REQUEST_TYPES)[0] });
          }}
        >
          <Form.Item name="kind" label={t('service.fields.kind')}>
            <Radio.Group optionType="button" options={['dealer_request', 'customer_feedback'].map((k) => ({ value: k, label: t(`service.kind.${k}`) }))} />
          </Form.Item>
          {!isDealerUser && (
            <Form.Item name="dealerId" label={t('service.fields.dealer')} rules={[{ required: true, message: t('service.new.dealerRequired') }]}>
              <DealerSelect data-testid="ticket-dealer" />
            </Form.Item>
          )}
          {isDealerUser && (
            <Form.Item name="dealerId" hidden>
              <Input />
            </Form.Item>
          )}
          <Form.Item name="type" label={t('service.fields.type')}>
            <Select options={types.map((x) => ({ value: x, label: t(`service.type.${x}`) }))} data-testid="ticket-type" />
          </Form.Item>
          <Form.Item name="priority" label={t('service.fields.priority')} extra={t('service.new.priorityHint')}>
            <Radio.Group options={['normal', 'urgent'].map((p) => ({ value: p, label: t(`service.priority.${p}`) }))} />
          </Form.Item>
          <Form.Item name="channel" label={t('service.fields.channel')}>
            <Select options={CHANNELS[kind].map((c) => ({ value: c, label: t(`service.channel.${c}`) }))} />
          </Form.Item>
          <Form.Item name="subject" label={t('service.fields.subject')} rules={[{ required: true, message: t('service.new.subjectRequired') }, { max: 200 }]}>
            <Input data-testid="ticket-subject-input" />
          </Form.Item>
          <Form.Item name="description" label={t('service.fields.description')} rules={[{ required: true, message: t('service.new.descriptionRequired') }, { max: 5000 }]}>
            <Input.TextArea rows={5} data-testid="ticket-description" />
          </Form.Item>
          <Form.Item name="productSku" label={t('service.fields.productSku')}>
            <Input />
          </Form.Item>
          {kind === 'customer_feedback' && (
            <>
              <Form.Item name="customerName" label={t('service.fields.customerName')}>
                <Input />
              </Form.Item>
              <Form.Item name="customerPhone" label={t('service.fields.customerPhone')}>
                <Input />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="ticket-submit">
            {t('service.new.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
