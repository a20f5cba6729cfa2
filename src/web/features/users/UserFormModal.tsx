import { useEffect, useState } from 'react';
import { Alert, App, Col, Form, Input, Modal, Row, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/permissions.js';
import type { User } from '../../../shared/schemas/auth.js';
import { passwordProblems } from '../../../shared/limits.js';
import { applyFieldErrors, fieldMessage } from '../../lib/errors';
import { isDealerRole, ScopeFields } from './ScopeFields';
import { useSaveUser } from './api';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  role: Role;
  dealerId?: string | null;
  regionCodes?: string[];
}

const FIELDS = ['username', 'displayName', 'password', 'role', 'dealerId', 'regionCodes'];

export function UserFormModal({ open, user, onClose }: { open: boolean; user?: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveUser(user?.id);
  const role = Form.useWatch('role', form);
  const [unplaced, setUnplaced] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    setUnplaced([]);
    form.resetFields();
    if (user) form.setFieldsValue({ username: user.username, displayName: user.displayName, role: user.role, dealerId: user.dealerId, regionCodes: user.regionCodes });
  }, [open, user, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      dealerId: isDealerRole(v.role) ? (v.dealerId ?? null) : null,
      regionCodes: v.role === 'regional_manager' ? (v.regionCodes ?? []) : [],
      ...(v.password ? { password: v.password } : {}),
    };
    save.mutate(user ? body : { ...body, password: v.password ?? '' }, {
      onSuccess: (saved) => {
        void message.success(user ? t('common.saved') : t('users.created', { name: saved.username }));
        onClose();
      },
      onError: (error) => setUnplaced(applyFieldErrors(form, error, t, { fields: FIELDS })),
    });
  };

  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle', { name: user.username }) : t('users.createTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={user ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'user-submit' } as ButtonProps}
      width={640}
      forceRender
    >
      {unplaced.length > 0 && <Alert type="error" showIcon title={unplaced.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ role: 'hq_analyst', regionCodes: [] }} data-testid="user-form">
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={t('users.fields.username')}
              rules={[
                { required: true, message: t('errors.field.required') },
                { min: 3, message: t('errors.field.minLength', { n: 3 }) },
                { max: 64, message: t('errors.field.maxLength', { n: 64 }) },
                { pattern: /^[A-Za-z0-9_.@-]+$/, message: t('users.usernamePattern') },
              ]}
            >
              <Input autoComplete="off" maxLength={64} data-testid="user-username" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="displayName"
              label={t('users.fields.displayName')}
              rules={[
                { required: true, whitespace: true, message: t('errors.field.required') },
                { max: 100, message: t('errors.field.maxLength', { n: 100 }) },
              ]}
            >
              <Input maxLength={100} data-testid="user-display-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="password"
              label={user ? t('users.fields.newPassword') : t('users.fields.password')}
              extra={user ? t('users.passwordKeep') : t('users.passwordRule')}
              dependencies={['username']}
              rules={[
                { required: !user, message: t('errors.field.required') },
                ({ getFieldValue }) => ({
                  validator: (_, pw?: string) => {
                    if (!pw) return Promise.resolve();
                    const problems = passwordProblems(pw, getFieldValue('username') as string | undefined);
                    return problems.length ? Promise.reject(new Error(problems.map((p) => fieldMessage(t, p)).join(t('common.listSeparator')))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={256} data-testid="user-password" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="role" label={t('users.fields.role')} rules={[{ required: true, message: t('errors.field.required') }]}>
              <Select options={ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))} data-testid="user-role" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <ScopeFields role={role} />
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
