import type { BallotTables } from './ballots/tables';
import type { CampaignTables } from './campaigns/tables';
import type { IntegrityTables } from './integrity/tables';
import type { NominationTables } from './nominations/tables';
import type { ResultTables } from './results/tables';

/** Every table of the vote, each declared in the capability that owns it. */
export interface VoteTables
  extends CampaignTables, NominationTables, ResultTables, BallotTables, IntegrityTables {}
