import { PlusCircleOutlined, TrophyOutlined } from '@ant-design/icons';
import type { FeaturePage } from '../../../app/feature';
import { mayCreateCampaign, mayEditCampaign, mayReadCampaigns } from './labels';

/** The vote's set-up pages: campaigns and their rules, nominations, expert review, the shortlist and candidates. */
export const voteSetupPages: FeaturePage[] = [
  {
    path: 'vote/campaigns',
    crumbs: [{ key: 'nav.vote' }, { key: 'nav.campaigns' }],
    requirement: mayReadCampaigns,
    menu: {
      group: 'vote',
      order: 10,
      icon: TrophyOutlined,
      label: 'nav.campaigns',
      testId: 'menu-vote-campaigns',
    },
    load: () => import('./campaigns-page').then((m) => m.CampaignsPage),
  },
  {
    path: 'vote/campaigns/new',
    crumbs: [
      { key: 'nav.vote' },
      { key: 'nav.campaigns', to: '/vote/campaigns' },
      { key: 'nav.campaignNew' },
    ],
    requirement: mayCreateCampaign,
    menu: {
      group: 'vote',
      order: 15,
      icon: PlusCircleOutlined,
      label: 'nav.campaignNew',
      testId: 'menu-vote-campaign-new',
    },
    load: () => import('./campaign-form-page').then((m) => m.CampaignNewPage),
  },
  {
    path: 'vote/campaigns/:id',
    crumbs: [{ key: 'nav.vote' }, { key: 'nav.campaigns', to: '/vote/campaigns' }, { key: 'nav.campaign' }],
    requirement: mayReadCampaigns,
    highlights: 'vote/campaigns',
    load: () => import('./campaign-page').then((m) => m.CampaignPage),
  },
  {
    path: 'vote/campaigns/:id/edit',
    crumbs: [
      { key: 'nav.vote' },
      { key: 'nav.campaigns', to: '/vote/campaigns' },
      { key: 'nav.campaignEdit' },
    ],
    requirement: mayEditCampaign,
    highlights: 'vote/campaigns',
    load: () => import('./campaign-form-page').then((m) => m.CampaignEditPage),
  },
];
