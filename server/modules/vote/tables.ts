import type { CampaignTables } from './campaigns/tables';
import type { NominationTables } from './nominations/tables';
import type { ResultTables } from './results/tables';

/** Every table of the vote, each declared in the capability that owns it. */
export interface VoteTables extends CampaignTables, NominationTables, ResultTables {}
