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
  ApartmentOutlined,
  AuditOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  GiftOutlined,
  ScheduleOutlined,
  SendOutlined,
  FolderOpenOutlined,
  FormOutlined,
  HomeOutlined,
  MergeCellsOutlined,
  MobileOutlined,
  SettingOutlined,
  SolutionOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Me } from '../../contracts/auth';
import { Brand } from '../components/brand';
import { LanguageSwitch } from '../components/language-switch';
import { ForbiddenResult } from '../components/status-results';
import {
  mayHelp,
  mayMerge,
  mayReadHouseholds,
  mayScreen,
  maySeeDashboard,
  maySeePlans,
  maySeeReferrals,
  maySeeResources,
  maySeeSetup,
  mayUseArchives,
} from '../features/assistance/permissions';
import { useLogout } from '../features/auth/hooks';
import { can, canSeeUsers, meets } from '../features/auth/permissions';
import { CHANGE_PASSWORD_PATH, useSession } from '../features/auth/session';
import { useT, type Translate } from './i18n';
import { currentHandle } from './route-handle';

type MenuItem = Required<MenuProps>['items'][number];

/** 爱心联盟: the pages each user's actions open, in the order the work goes. */
function allianceMenu(me: Me, t: Translate): MenuItem[] {
  const items: MenuItem[] = [];
  const link = (to: string, key: Parameters<Translate>[0], testId: string) => (
    <Link to={to} data-testid={testId}>
      {t(key)}
    </Link>
  );
  if (mayReadHouseholds(me)) {
    items.push({
      key: '/alliance/households',
      icon: <SolutionOutlined />,
      label: link('/alliance/households', 'nav.households', 'menu-households'),
    });
  }
  if (mayScreen(me)) {
    items.push({
      key: '/alliance/screen',
      icon: <FormOutlined />,
      label: link('/alliance/screen', 'nav.screen', 'menu-screen'),
    });
  }
  if (mayMerge(me)) {
    items.push({
      key: '/alliance/merges',
      icon: <MergeCellsOutlined />,
      label: link('/alliance/merges', 'nav.merges', 'menu-merges'),
    });
  }
  if (mayUseArchives(me)) {
    items.push({
      key: '/alliance/archives',
      icon: <FolderOpenOutlined />,
      label: link('/alliance/archives', 'nav.archives', 'menu-archives'),
    });
  }
  if (maySeePlans(me)) {
    items.push({
      key: '/alliance/plans',
      icon: <ScheduleOutlined />,
      label: link('/alliance/plans', 'nav.plans', 'menu-plans'),
    });
  }
  if (maySeeResources(me)) {
    items.push({
      key: '/alliance/resources',
      icon: <GiftOutlined />,
      label: link('/alliance/resources', 'nav.resources', 'menu-resources'),
    });
  }
  if (maySeeReferrals(me)) {
    items.push({
      key: '/alliance/referrals',
      icon: <SendOutlined />,
      label: link('/alliance/referrals', 'nav.referrals', 'menu-referrals'),
    });
  }
  if (mayHelp(me)) {
    items.push({
      key: '/alliance/visits',
      icon: <CarryOutOutlined />,
      label: link('/alliance/visits', 'nav.visits', 'menu-visits'),
    });
  }
  if (maySeeDashboard(me)) {
    items.push({
      key: '/alliance/dashboard',
      icon: <DashboardOutlined />,
      label: link('/alliance/dashboard', 'nav.dashboard', 'menu-dashboard'),
    });
  }
  if (maySeeSetup(me)) {
    items.push({
      key: '/alliance/setup',
      icon: <SettingOutlined />,
      label: link('/alliance/setup', 'nav.setup', 'menu-alliance-setup'),
    });
  }
  if (mayScreen(me)) {
    // The phone pages are another app: a full page load, not a client-side route.
    items.push({
      key: '/m',
      icon: <MobileOutlined />,
      label: (
        <a href="/m" data-testid="menu-mobile">
          {t('nav.mobile')}
        </a>
      ),
    });
  }
  return items;
}

function buildMenu(me: Me, t: Translate): MenuItem[] {
  const alliance = allianceMenu(me, t);
  const admin: MenuItem[] = [];
  if (can(me, 'org.read')) {
    admin.push({
      key: '/admin/orgs',
      icon: <ApartmentOutlined />,
      label: (
        <Link to="/admin/orgs" data-testid="menu-orgs">
          {t('nav.orgs')}
        </Link>
      ),
    });
  }
  if (canSeeUsers(me)) {
    admin.push({
      key: '/admin/users',
      icon: <TeamOutlined />,
      label: (
        <Link to="/admin/users" data-testid="menu-users">
          {t('nav.users')}
        </Link>
      ),
    });
  }
  if (can(me, 'audit.read')) {
    admin.push({
      key: '/admin/audit',
      icon: <AuditOutlined />,
      label: (
        <Link to="/admin/audit" data-testid="menu-audit">
          {t('nav.audit')}
        </Link>
      ),
    });
  }
  const home: MenuItem = {
    key: '/',
    icon: <HomeOutlined />,
    label: (
      <Link to="/" data-testid="menu-home">
        {t('nav.home')}
      </Link>
    ),
  };
  return [
    home,
    ...(alliance.length > 0
      ? [{ type: 'group' as const, key: 'alliance', label: t('nav.alliance'), children: alliance }]
      : []),
    ...(admin.length > 0
      ? [{ type: 'group' as const, key: 'admin', label: t('nav.admin'), children: admin }]
      : []),
  ];
}

const MENU_KEYS = [
  '/alliance/households',
  '/alliance/screen',
  '/alliance/merges',
  '/alliance/archives',
  '/alliance/setup',
  '/admin/orgs',
  '/admin/users',
  '/admin/audit',
];

function selectedKey(pathname: string): string {
  const match = MENU_KEYS.find((key) => pathname.startsWith(key));
  return match ?? (pathname === '/' ? '/' : '');
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
  const selected = selectedKey(location.pathname);

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
