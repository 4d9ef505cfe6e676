import { AuditOutlined } from '@ant-design/icons';
import type { FeaturePage } from '../../../app/feature';
import type { Me } from '../../../../contracts/auth';
import { can } from '../../../components/session/permissions';

/** The list of review pages: the organiser's (counting, fraud review, result) or the nominating unit's (flags, appeals). */
const mayReview = (me: Me) =>
  can(me, 'vote.tally') || can(me, 'vote.integrity') || can(me, 'vote.result.read') || can(me, 'vote.appeal');

const crumbs = (page: 'nav.voteTallies' | 'nav.voteIntegrity' | 'nav.voteResult' | 'nav.voteUnitFlags') => [
  { key: 'nav.vote' as const },
  { key: 'nav.voteReview' as const, to: '/vote/review' },
  { key: page },
];

/** The vote's counting and review pages: tallies, the fraud review with flags and appeals, the result, objections and certificates. */
export const voteReviewPages: FeaturePage[] = [
  {
    path: 'vote/review',
    crumbs: [{ key: 'nav.vote' }, { key: 'nav.voteReview' }],
    requirement: mayReview,
    menu: {
      group: 'vote',
      order: 30,
      icon: AuditOutlined,
      label: 'nav.voteReview',
      testId: 'menu-vote-review',
    },
    load: () => import('./review-home-page').then((m) => m.ReviewHomePage),
  },
  {
    path: 'vote/campaigns/:id/tallies',
    crumbs: crumbs('nav.voteTallies'),
    requirement: 'vote.tally',
    highlights: 'vote/review',
    load: () => import('./tallies-page').then((m) => m.TalliesPage),
  },
  {
    path: 'vote/campaigns/:id/integrity',
    crumbs: crumbs('nav.voteIntegrity'),
    requirement: 'vote.integrity',
    highlights: 'vote/review',
    load: () => import('./integrity-page').then((m) => m.IntegrityPage),
  },
  {
    path: 'vote/campaigns/:id/unit-flags',
    crumbs: crumbs('nav.voteUnitFlags'),
    requirement: 'vote.appeal',
    highlights: 'vote/review',
    load: () => import('./unit-flags-page').then((m) => m.UnitFlagsPage),
  },
  {
    path: 'vote/campaigns/:id/result',
    crumbs: crumbs('nav.voteResult'),
    requirement: 'vote.result.read',
    highlights: 'vote/review',
    load: () => import('./result-page').then((m) => m.ResultPage),
  },
  {
    // 荣誉证书: a print page, one certificate per named person, outside the menu layout.
    path: 'print/vote/campaigns/:id/certificates',
    crumbs: [],
    bare: true,
    requirement: 'vote.result.read',
    load: () => import('./certificates-print').then((m) => m.CertificatesPrintPage),
  },
];
