import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Rate, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { NEXT_STEP, useTicketAction, type TicketDetail } from './api';

const DEPARTMENTS = ['tech_support', 'customer_service', 'quality', 'logistics', 'regional_office', 'finance', 'marketing'];

/** The actions a ticket offers the caller now: its next step, the solution, pause or resume. */
export function TicketActions({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const { can, isDealerUser } = useAccess();
  const ticket = detail.ticket;
  const next = NEXT_STEP[ticket.step];
  const step = useTicketAction<Record<string, unknown>>(ticket.id, '/steps');
  const resolve = useTicketAction<{ solution: string }>(ticket.id, '/resolve');
  const sendLink = useTicketAction<Record<string, never>>(ticket.id, '/confirmation-link');
  const pause = useTicketAction<{ reason: string }>(ticket.id, ticket.sla.paused ? '/resume' : '/pause');
  const [open, setOpen] = useState<'step' | 'resolve' | 'pause' | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [form] = Form.useForm();
  if (!can('tickets.process') || !next) return null;
  // On a dealer request a dealer confirms and closes; the regional manager does the rest.
  const dealerOnRequest = isDealerUser && ticket.kind === 'dealer_request';
  // Customer feedback is verified by the customer alone, through its one-time link.
  const mayStep = (!dealerOnRequest || next === 'verified' || next === 'closed') && !(ticket.kind === 'customer_feedback' && next === 'verified');
  const awaitingCustomer = ticket.kind === 'customer_feedback' && ticket.step === 'processing' && !!ticket.resolvedAt;
  const issueLink = async () => {
    const res = (await sendLink.mutateAsync({})) as { confirmationUrl: string };
    setLink(`${window.location.origin}${res.confirmationUrl}`);
  };
  const close = () => {
    setOpen(null);
    form.resetFields();
  };
  const submit = async () => {
    const values = await form.validateFields();
    if (open === 'step') await step.mutateAsync({ to: next, ...values });
    if (open === 'resolve') {
      const res = (await resolve.mutateAsync({ solution: values.solution })) as { confirmationUrl: string | null };
      if (res.confirmationUrl) setLink(`${window.location.origin}${res.confirmationUrl}`);
    }
    if (open === 'pause') await pause.mutateAsync({ reason: values.reason });
    close();
  };
  return (
    <>
      <Space wrap>
        {mayStep && (
          <Button type="primary" onClick={() => setOpen('step')} data-testid="next-step">
            {t(`service.actions.to.${next}`)}
          </Button>
        )}
        {ticket.step === 'processing' && !dealerOnRequest && (
          <Button onClick={() => setOpen('resolve')} data-testid="resolve">
            {t('service.actions.resolve')}
          </Button>
        )}
        {awaitingCustomer && can('tickets.confirmationLink') && (
          <Button onClick={issueLink} loading={sendLink.isPending} data-testid="confirmation-link">
            {t('service.actions.sendLink')}
          </Button>
        )}
        {['responded', 'processing'].includes(ticket.step) && !dealerOnRequest && (
          <Button onClick={() => setOpen('pause')} data-testid="pause">
            {t(ticket.sla.paused ? 'service.actions.resume' : 'service.actions.pause')}
          </Button>
        )}
      </Space>
      {link && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          closable
          onClose={() => setLink(null)}
          message={t('service.actions.linkTitle')}
          description={
            <Typography.Paragraph copyable={{ text: link }} style={{ margin: 0, wordBreak: 'break-all' }}>
              {link}
            </Typography.Paragraph>
          }
        />
      )}
      <Modal
        open={open !== null}
        title={open === 'step' ? t(`service.actions.to.${next}`) : open === 'resolve' ? t('service.actions.resolve') : t(ticket.sla.paused ? 'service.actions.resume' : 'service.actions.pause')}
        onCancel={close}
        onOk={submit}
        okButtonProps={{ loading: step.isPending || resolve.isPending || pause.isPending }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {open === 'step' && next === 'classified' && (
            <Form.Item name="department" label={t('service.fields.department')} initialValue={ticket.department ?? undefined}>
              <Select options={DEPARTMENTS.map((d) => ({ value: d, label: t(`service.department.${d}`) }))} />
            </Form.Item>
          )}
          {open === 'step' && next === 'verified' && (
            <Form.Item name="rating" label={t('service.fields.rating')} rules={[{ required: true, message: t('service.actions.ratingRequired') }]} extra={t('service.actions.ratingHint')}>
              <Rate data-testid="rating" />
            </Form.Item>
          )}
          {open === 'step' && (
            <Form.Item name="note" label={t('service.fields.note')} rules={next === 'responded' ? [{ required: true, message: t('service.actions.answerRequired') }] : []}>
              <Input.TextArea rows={3} data-testid="step-note" placeholder={next === 'responded' ? t('service.actions.answerPlaceholder') : undefined} />
            </Form.Item>
          )}
          {open === 'resolve' && (
            <>
              {detail.templates.length > 0 && (
                <Form.Item label={t('service.actions.template')}>
                  <Select
                    placeholder={t('service.actions.templatePick')}
                    options={detail.templates.map((x) => ({ value: x.id, label: x.title }))}
                    onChange={(id) => form.setFieldValue('solution', detail.templates.find((x) => x.id === id)?.body)}
                  />
                </Form.Item>
              )}
              <Form.Item name="solution" label={t('service.fields.solution')} rules={[{ required: true, message: t('service.actions.solutionRequired') }]}>
                <Input.TextArea rows={5} data-testid="solution" />
              </Form.Item>
            </>
          )}
          {open === 'pause' && (
            <Form.Item name="reason" label={t('service.fields.reason')} rules={[{ required: true, message: t('service.actions.reasonRequired') }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
