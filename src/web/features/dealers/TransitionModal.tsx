import { App, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENDING_STATUSES } from '../../../shared/dealer-lifecycle.js';
import type { Dealer, DealerStatus } from '../../../shared/schemas/dealers.js';
import { applyFieldErrors } from '../../lib/errors';
import { StatusTag } from '../../components/EnumTags';
import { useTransition } from './api';

/** Moves a dealer to its next lifecycle status, asking why (recorded with who and when). */
export function TransitionModal({ dealer, to, onClose }: { dealer: Dealer; to: DealerStatus | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const transition = useTransition(dealer.id);
  const submit = () =>
    form.validateFields().then(({ reason }) =>
      transition.mutate(
        { to: to!, reason: reason.trim() },
        {
          onSuccess: () => {
            void message.success(t('dealers.transition.done', { status: t(`enums.status.${to}`) }));
            form.resetFields();
            onClose();
          },
          onError: (error) => applyFieldErrors(form, error, t, { fields: ['reason'] }),
        },
      ),
    );
  return (
    <Modal
      open={!!to}
      title={t('dealers.transition.title')}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      onOk={() => void submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: transition.isPending, danger: !!to && (ENDING_STATUSES as readonly DealerStatus[]).includes(to), 'data-testid': 'transition-confirm' } as ButtonProps}
      destroyOnHidden
    >
      {to && (
        <Typography.Paragraph>
          {dealer.name}: <StatusTag status={dealer.status} /> → <StatusTag status={to} />
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('dealers.transition.reason')}
          rules={[
            { required: true, whitespace: true, message: t('dealers.transition.reasonRequired') },
            { max: 1000, message: t('errors.field.maxLength', { n: 1000 }) },
          ]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('dealers.transition.reasonPlaceholder')} data-testid="transition-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
