import { useEffect } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError } from '../../lib/api';
import { fetchMe, useMe } from '../../lib/access';
import { ME_KEY } from '../../lib/queryClient';
import { errorTitle } from '../../lib/errors';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

interface Credentials {
  username: string;
  password: string;
}

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const me = useMe();
  const next = safeNext(params.get('next'));

  const login = useMutation({
    mutationFn: (body: Credentials) => api.post<unknown>('/auth/login', body),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      const user = await fetchMe();
      queryClient.setQueryData(ME_KEY, user);
      navigate(next, { replace: true });
    },
    meta: { silent: true },
  });

  useEffect(() => {
    document.title = `${t('auth.title')} · ${t('layout.brand')}`;
  }, [t]);

  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  const error = login.error;
  const message = error ? (isApiError(error) && error.status === 401 ? t('auth.badCredentials') : errorTitle(t, error)) : null;
  const description =
    error && isApiError(error)
      ? error.code === 'ACCOUNT_LOCKED'
        ? t('auth.lockedHint')
        : error.code === 'RATE_LIMITED'
          ? t('auth.rateLimitedHint')
          : error.code === 'NETWORK'
            ? t('errors.network')
            : undefined
      : undefined;

  return (
    <Flex className="qd-login-bg" vertical align="center" justify="center" style={{ padding: 16 }}>
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch />
      </div>
      <Flex vertical align="center" gap={8} style={{ marginBottom: 24 }}>
        <Flex align="center" gap={12}>
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <Typography.Title level={1} style={{ margin: 0, fontSize: 30 }}>
            渠道 <span style={{ fontWeight: 400, color: '#595959' }}>Qudao</span>
          </Typography.Title>
        </Flex>
        <Typography.Text type="secondary">{t('auth.tagline')}</Typography.Text>
      </Flex>
      <Card style={{ width: '100%', maxWidth: 380 }} styles={{ body: { padding: 28 } }}>
        <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 20, fontSize: 20 }}>
          {t('auth.title')}
        </Typography.Title>
        {message && <Alert type="error" showIcon title={message} description={description} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} data-testid="login-form" size="large">
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('layout.footer')}
      </Typography.Text>
    </Flex>
  );
}
