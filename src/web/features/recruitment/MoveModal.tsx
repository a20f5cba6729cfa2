import { useEffect } from 'react';
import { Form, Input, Modal, Space, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Prospect, ProspectStage } from '../../../shared/schemas/recruitment.js';
import { useMoveProspect } from './api';
import { StageTag } from './labels';

/** Moves a prospect on the board: the reason is recorded with who and when. */
export function MoveModal({ prospect, to, onClose }: { prospect: Pick<Prospect, 'id' | 'name' | 'stage'> | null; to: ProspectStage | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const move = useMoveProspect(prospect?.id ?? '');
  useEffect(() => {
    if (to) form.resetFields();
  }, [to, form]);
  return (
    <Modal
      open={!!prospect && !!to}
      title={t('recruitment.move.title', { name: prospect?.name ?? '' })}
      okText={t('common.confirm')}
      okButtonProps={{ danger: to === 'rejected', 'data-testid': 'move-confirm' } as ButtonProps}
      confirmLoading={move.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {prospect && to && (
        <Space style={{ marginBottom: 16 }}>
          <StageTag stage={prospect.stage} />
          <Typography.Text>→</Typography.Text>
          <StageTag stage={to} />
        </Space>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => move.mutate({ to: to!, reason: v.reason.trim() }, { onSuccess: onClose })}>
        <Form.Item name="reason" label={t('recruitment.move.reason')} rules={[{ required: true, whitespace: true, message: t('recruitment.form.required') }]}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="move-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
