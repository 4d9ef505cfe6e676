import { useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useMatches, useNavigate, useNavigation } from 'react-router';
import {
  Avatar,
  Breadcrumb,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  Progress,
  type MenuProps,
} from 'antd';
import {
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Me } from '../../contracts/auth';
import { Brand } from '../components/brand';
import { LanguageSwitch } from '../components/language-switch';
import { ForbiddenResult } from '../components/status-results';
import { useLogout } from '../components/session/hooks';
import { meets } from '../components/session/permissions';
import { CHANGE_PASSWORD_PATH, useSession } from '../components/session/session';
import { useT, type Translate } from './i18n';
import { MENU_GROUP_LABELS } from './feature';
import { FEATURES } from './features';
import { menuLines } from './navigation';
import { currentHandle } from './route-handle';

type MenuItem = Required<MenuProps>['items'][number];

/** The side menu, from the feature list: the lines this user's actions open, grouped and in order. */
function buildMenu(me: Me, t: Translate): MenuItem[] {
  const items: MenuItem[] = [];
  for (const { group, lines } of menuLines(FEATURES)) {
    const children: MenuItem[] = lines
      .filter((line) => !line.requirement || meets(me, line.requirement))
      .map((line) => {
        const Icon = line.icon;
        return {
          key: line.key,
          icon: <Icon />,
          label: line.external ? (
            <a href={line.key} data-testid={line.testId}>
              {t(line.label)}
            </a>
          ) : (
            <Link to={line.key} data-testid={line.testId}>
              {t(line.label)}
            </Link>
          ),
        };
      });
    if (group === 'root') items.push(...children);
    else if (children.length > 0) {
      items.push({ type: 'group' as const, key: group, label: t(MENU_GROUP_LABELS[group]), children });
    }
  }
  return items;
}

function UserMenu({ me, compact }: { me: Me; compact: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const logout = useLogout();
  const items: MenuProps['items'] = [
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="menu-change-password">{t('nav.changePassword')}</span>,
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('nav.logout')}</span>,
    },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate(CHANGE_PASSWORD_PATH);
    if (key === 'logout') {
      // Whatever the server says, this browser is done with the session.
      logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
    }
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" aria-label={`${t('nav.userMenu')}: ${me.displayName}`}>
        <Avatar size="small" icon={<UserOutlined />} className="uc-avatar" />
        {compact ? null : <span className="uc-user-name">{me.displayName}</span>}
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const me = useSession();
  const t = useT();
  const location = useLocation();
  const matches = useMatches();
  const navigation = useNavigation();
  const screens = Grid.useBreakpoint();
  // useBreakpoint is empty on the first render; assume a desktop until it has measured.
  const isMobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const handle = currentHandle(matches);
  const allowed = !handle?.requirement || meets(me, handle.requirement);
  const menuItems = useMemo(() => buildMenu(me, t), [me, t]);
  const selected = handle?.menuKey;

  const crumbs = handle?.crumbs ?? [];
  const pageName = crumbs.length > 0 ? t(crumbs[crumbs.length - 1].key) : t('nav.home');

  useEffect(() => {
    document.title = `${pageName} · ${t('app.name')}`;
  }, [pageName, t]);

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const menu = (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selected ? [selected] : []}
      className="uc-side-menu"
      aria-label={t('app.shortName')}
    />
  );

  return (
    <Layout className="uc-shell">
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={256}
          title={<Brand compact />}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          width={224}
          collapsedWidth={64}
          collapsed={collapsed}
          trigger={null}
          theme="light"
          className="uc-sider"
        >
          <div className="uc-sider-brand">
            <Brand compact />
          </div>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="uc-header">
          {isMobile ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.openMenu')}
              data-testid="menu-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          ) : (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={collapsed ? t('nav.expandMenu') : t('nav.collapseMenu')}
              aria-expanded={!collapsed}
              data-testid="menu-toggle"
              onClick={() => setCollapsed((value) => !value)}
            />
          )}
          <Link to="/" className="uc-header-brand">
            <Brand compact={isMobile} />
          </Link>
          <div className="uc-header-right">
            <LanguageSwitch />
            <UserMenu me={me} compact={isMobile} />
          </div>
        </Layout.Header>
        {navigation.state === 'loading' ? (
          <Progress
            percent={100}
            status="active"
            showInfo={false}
            size="small"
            className="uc-route-progress"
          />
        ) : null}
        <Layout.Content className="uc-content">
          <Breadcrumb
            className="uc-breadcrumb"
            items={[
              {
                key: 'home',
                title: location.pathname === '/' ? t('nav.home') : <Link to="/">{t('nav.home')}</Link>,
              },
              ...crumbs.map((crumb, index) => ({
                key: `${crumb.key}-${index}`,
                title: crumb.to ? <Link to={crumb.to}>{t(crumb.key)}</Link> : t(crumb.key),
              })),
            ]}
          />
          <main className="uc-page">{allowed ? <Outlet /> : <ForbiddenResult />}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
