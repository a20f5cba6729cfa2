import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../shared/schemas/receivables.js';
import { applyFieldErrors } from '../../lib/errors';
import { formatFen } from '../../lib/format';
import { MoneyInput } from '../../components/MoneyInput';
import { useRecordPayment } from './api';

interface Values {
  amountFen: number | null;
  receivedOn: Dayjs;
  reference?: string;
}

/** A collection (回款): applied by the server to the oldest open invoices first. */
export function PaymentModal({ dealerId, open, onClose }: { dealerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const record = useRecordPayment();
  const [result, setResult] = useState<Payment | null>(null);
  const close = () => {
    setResult(null);
    record.reset();
    form.resetFields();
    onClose();
  };
  const submit = async () => {
    const v = await form.validateFields();
    record.mutate(
      { dealerId, amountFen: v.amountFen!, receivedOn: v.receivedOn.format('YYYY-MM-DD'), ...(v.reference?.trim() ? { reference: v.reference.trim() } : {}) },
      { onSuccess: setResult, onError: (e) => applyFieldErrors(form, e, t, { fields: ['amountFen', 'receivedOn', 'reference'] }) },
    );
  };
  return (
    <Modal
      open={open}
      title={t('trade.payment.title')}
      onCancel={close}
      onOk={result ? close : submit}
      okText={result ? t('common.close') : t('trade.payment.submit')}
      okButtonProps={{ loading: record.isPending, 'data-testid': 'payment-submit' } as ButtonProps}
      destroyOnHidden
    >
      {result ? (
        <Alert
          type="success"
          showIcon
          data-testid="payment-result"
          title={t('trade.payment.done', { docNo: result.docNo, amount: formatFen(result.amountFen) })}
          description={
            <>
              {result.allocations.map((a) => (
                <div key={a.invoiceId}>{t('trade.payment.applied', { docNo: a.docNo, amount: formatFen(a.amountFen) })}</div>
              ))}
              {result.unappliedFen > 0 && <div>{t('trade.payment.unapplied', { amount: formatFen(result.unappliedFen) })}</div>}
            </>
          }
        />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ receivedOn: dayjs() }}>
          <Form.Item name="amountFen" label={t('trade.payment.amount')} rules={[{ required: true, message: t('errors.field.required') }]}>
            <MoneyInput data-testid="payment-amount" />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('trade.payment.receivedOn')} rules={[{ required: true, message: t('errors.field.required') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="reference" label={t('trade.payment.reference')}>
            <Input maxLength={100} placeholder={t('trade.payment.referencePlaceholder')} />
          </Form.Item>
          <Alert type="info" showIcon title={t('trade.payment.fifo')} />
        </Form>
      )}
    </Modal>
  );
}
