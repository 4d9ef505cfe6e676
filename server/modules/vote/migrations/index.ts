import type { Migrations } from '../../../db/migrator';
import { campaigns } from './2026121101-campaigns';
import { ballots } from './2026121120-ballots';
import { voterDayVoted } from './2026121201-voter-day-voted';

/** The vote's migrations, by the names databases record (never renamed or edited once landed). */
export const VOTE_MIGRATIONS: Migrations = {
  '2026121101-campaigns': campaigns,
  '2026121120-ballots': ballots,
  '2026121201-voter-day-voted': voterDayVoted,
};
