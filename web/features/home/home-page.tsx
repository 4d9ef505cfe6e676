import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, KeyOutlined, TeamOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { PageHeader } from '../../components/page-header';
import { can, canSeeUsers } from '../../components/session/permissions';
import { useRoleLabel } from '../../components/session/role-label';
import { CHANGE_PASSWORD_PATH, useSession } from '../../components/session/session';

function greetingKey(hour: number): MessageKey {
  if (hour < 12) return 'home.morning';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

interface QuickLink {
  to: string;
  title: MessageKey;
  description: MessageKey;
  icon: ReactNode;
  testId: string;
}

export function HomePage() {
  const t = useT();
  const me = useSession();
  const roleLabel = useRoleLabel();

  const links: QuickLink[] = [];
  if (can(me, 'org.read')) {
    links.push({
      to: '/admin/orgs',
      title: 'nav.orgs',
      description: 'home.orgsDesc',
      icon: <ApartmentOutlined />,
      testId: 'quick-orgs',
    });
  }
  if (canSeeUsers(me)) {
    links.push({
      to: '/admin/users',
      title: 'nav.users',
      description: 'home.usersDesc',
      icon: <TeamOutlined />,
      testId: 'quick-users',
    });
  }
  if (can(me, 'audit.read')) {
    links.push({
      to: '/admin/audit',
      title: 'nav.audit',
      description: 'home.auditDesc',
      icon: <AuditOutlined />,
      testId: 'quick-audit',
    });
  }
  links.push({
    to: CHANGE_PASSWORD_PATH,
    title: 'nav.changePassword',
    description: 'home.passwordDesc',
    icon: <KeyOutlined />,
    testId: 'quick-password',
  });

  return (
    <>
      <PageHeader title={t('home.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }} data-testid="home-greeting">
          {t(greetingKey(new Date().getHours()), { name: me.displayName })}
        </Typography.Title>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'org', label: t('home.org'), children: <span data-testid="home-org">{me.orgName}</span> },
            {
              key: 'roles',
              label: t('home.roles'),
              children: (
                <Space size={[4, 4]} wrap data-testid="home-roles">
                  {me.roles.map((role) => (
                    <Tag key={role} color="red">
                      {roleLabel(role)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('home.quickLinks')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {links.map((link) => (
          <Col key={link.to} xs={24} sm={12} lg={6} style={{ display: 'flex' }}>
            <Link to={link.to} data-testid={link.testId} style={{ flex: 1 }}>
              <Card hoverable style={{ height: '100%' }}>
                <Card.Meta
                  avatar={<span style={{ fontSize: 24, color: '#c8102e' }}>{link.icon}</span>}
                  title={t(link.title)}
                  description={t(link.description)}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
