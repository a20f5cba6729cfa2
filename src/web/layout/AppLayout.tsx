import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useMatches, useNavigate, Link } from 'react-router';
import { Avatar, Breadcrumb, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Space, Typography, theme } from 'antd';
import { HomeOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROUTES, routeByPath, type AppRoute } from '../routes';
import { useAccess } from '../lib/access';
import { api } from '../lib/api';
import { ME_KEY } from '../lib/queryClient';
import { RoleTag } from '../components/EnumTags';
import { Loading } from '../components/QueryState';
import { LanguageSwitch } from './LanguageSwitch';
import { MENU_ICONS } from './menu-icons';

const { Header, Sider, Content } = Layout;

export function Brand({ collapsed = false, dark = true }: { collapsed?: boolean; dark?: boolean }) {
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, height: 56, padding: '0 20px', overflow: 'hidden' }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!collapsed && (
        <span style={{ color: dark ? '#fff' : '#1f1f1f', fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap' }}>
          渠道 <span style={{ fontWeight: 400, opacity: 0.75 }}>Qudao</span>
        </span>
      )}
    </Link>
  );
}

function useCurrentRoute(): AppRoute | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const handle = matches[i].handle as { route?: AppRoute } | undefined;
    if (handle?.route) return handle.route;
  }
  return undefined;
}

export function AppLayout() {
  const { t } = useTranslation();
  const { user, can } = useAccess();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();
  const current = useCurrentRoute();

  useEffect(() => setDrawerOpen(false), [location.pathname]);
  useEffect(() => {
    document.title = current ? `${t(current.titleKey)} · ${t('layout.brand')}` : t('layout.brand');
  }, [current, t]);

  const logout = useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    },
    meta: { silent: true },
  });

  const menuItems = useMemo(
    () =>
      buildMenu(
        ROUTES.filter((r) => r.menu && (!r.permission || can(r.permission))),
        t,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, user],
  );
  const selectedKey = current?.menu ? current.path : (current?.parent ?? '');
  const openGroup = (current?.menu ? current : current?.parent ? routeByPath(current.parent) : undefined)?.menu?.group;

  const crumbs = useMemo(() => {
    const items: { title: React.ReactNode }[] = [
      {
        title: (
          <Link to="/" aria-label={t('menu.home')}>
            <HomeOutlined />
          </Link>
        ),
      },
    ];
    if (current && current.path !== '/') {
      const parent = current.parent ? routeByPath(current.parent) : undefined;
      if (parent) items.push({ title: <Link to={parent.path}>{t(parent.titleKey)}</Link> });
      items.push({ title: t(current.titleKey) });
    }
    return items;
  }, [current, t]);

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selectedKey]}
      defaultOpenKeys={openGroup ? [`group:${openGroup}`] : []}
      items={menuItems}
      onClick={({ key }) => navigate(key)}
      data-testid="main-menu"
    />
  );

  return (
    <Layout style={{ minHeight: '100vh', background: isMobile ? token.colorBgLayout : '#001529' }}>
      {!isMobile && (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} trigger={null} width={216} style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <Brand collapsed={collapsed} />
          {menu}
        </Sider>
      )}
      {isMobile && (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={240} closable={false} styles={{ body: { padding: 0, background: '#001529' } }} data-testid="menu-drawer">
          <Brand />
          {menu}
        </Drawer>
      )}
      <Layout style={{ background: token.colorBgLayout, minWidth: 0 }}>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: isMobile ? '0 12px' : '0 20px',
            height: 56,
            lineHeight: '56px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            boxShadow: '0 1px 4px rgba(0,21,41,0.08)',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            {isMobile ? (
              <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('layout.openMenu')} data-testid="menu-toggle" />
            ) : (
              <Button type="text" icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!collapsed)} aria-label={t('layout.collapseMenu')} />
            )}
            {isMobile && (
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                渠道 Qudao
              </Typography.Text>
            )}
          </Flex>
          <Space size={isMobile ? 8 : 16} align="center">
            <LanguageSwitch />
            {user && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    {
                      key: 'who',
                      disabled: true,
                      label: (
                        <div style={{ lineHeight: 1.6 }}>
                          <div style={{ color: token.colorText }}>{user.displayName}</div>
                          <div style={{ color: token.colorTextSecondary }}>@{user.username}</div>
                        </div>
                      ),
                    },
                    { type: 'divider' },
                    {
                      key: 'logout',
                      icon: <LogoutOutlined />,
                      label: <span data-testid="logout">{t('auth.logout')}</span>,
                      onClick: () => logout.mutate(),
                    },
                  ],
                }}
              >
                <Flex align="center" gap={8} style={{ cursor: 'pointer', lineHeight: 1.2 }} data-testid="user-menu">
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                  {!isMobile && (
                    <span data-testid="user-name" style={{ whiteSpace: 'nowrap' }}>
                      {user.displayName}
                    </span>
                  )}
                  {!isMobile && <RoleTag role={user.role} />}
                </Flex>
              </Dropdown>
            )}
          </Space>
        </Header>
        <Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} data-testid="breadcrumb" />
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Content>
        <Layout.Footer style={{ textAlign: 'center', color: token.colorTextTertiary, padding: '12px 24px' }}>{t('layout.footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}

/** Top-level entries in route order; grouped entries gathered into one submenu per group (ROUTES lists them in MENU_GROUPS order). */
function buildMenu(routes: AppRoute[], t: (key: string) => string) {
  type Item = { key: string; icon?: React.ReactNode; label: React.ReactNode; children?: Item[] };
  const items: Item[] = [];
  const groups = new Map<string, Item>();
  for (const r of routes) {
    const entry: Item = { key: r.path, icon: MENU_ICONS[r.menu!.icon], label: <span data-testid={r.menu!.testId}>{t(r.menu!.labelKey)}</span> };
    const group = r.menu!.group;
    if (!group) {
      items.push(entry);
      continue;
    }
    let parent = groups.get(group);
    if (!parent) {
      parent = { key: `group:${group}`, label: <span data-testid={`menu-group-${group}`}>{t(`menu.groups.${group}`)}</span>, children: [] };
      groups.set(group, parent);
      items.push(parent);
    }
    parent.children!.push(entry);
  }
  return items;
}
