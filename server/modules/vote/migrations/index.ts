import type { Migrations } from '../../../db/migrator';
import { campaigns } from './2026121101-campaigns';
import { ballots } from './2026121120-ballots';
import { ballotAnswers } from './2026121201-ballot-answers';

/** The vote's migrations, by the names databases record (never renamed or edited once landed). */
export const VOTE_MIGRATIONS: Migrations = {
  '2026121101-campaigns': campaigns,
  '2026121120-ballots': ballots,
  '2026121201-ballot-answers': ballotAnswers,
};
