import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../components/page-header';
import { useSession } from '../../../components/session/session';
import { canDo } from '../permissions';
import { CampaignsTab } from './setup-campaigns';
import { CoverageTab } from './setup-coverage';
import { MembersTab } from './setup-members';
import { ResponsibilityTab } from './setup-responsibility';
import { StandardsTab } from './setup-standards';
import '../core/assistance.css';

/** 联盟设置: members, who screens whom, campaigns and their coverage, and the archive standard. */
export function SetupPage() {
  const me = useSession();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const plan = canDo(me, 'alliance.plan_read');
  const tabs = [
    ...(canDo(me, 'alliance.read')
      ? [{ key: 'members', label: t('setup.members'), children: <MembersTab /> }]
      : []),
    ...(plan
      ? [
          { key: 'responsibility', label: t('setup.responsibility'), children: <ResponsibilityTab /> },
          {
            key: 'campaigns',
            label: t('setup.campaigns'),
            children: <CampaignsTab onShowCoverage={(id) => setParams({ tab: 'coverage', campaign: id })} />,
          },
          {
            key: 'coverage',
            label: t('setup.coverage'),
            children: (
              <CoverageTab
                campaignId={params.get('campaign') ?? undefined}
                onCampaign={(id) => setParams({ tab: 'coverage', campaign: id }, { replace: true })}
              />
            ),
          },
        ]
      : []),
    ...(canDo(me, 'household.read')
      ? [{ key: 'standards', label: t('setup.standards'), children: <StandardsTab /> }]
      : []),
  ];
  const asked = params.get('tab');
  const active = tabs.some((tab) => tab.key === asked) ? (asked ?? undefined) : tabs[0]?.key;

  return (
    <>
      <PageHeader title={t('setup.title')} />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams({ tab: key })}
          items={tabs.map((tab) => ({
            ...tab,
            children: <div data-testid={`setup-${tab.key}`}>{tab.children}</div>,
          }))}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
