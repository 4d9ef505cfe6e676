import type { RollTables } from './roll/tables';
import type { WorkerTables } from './workers/tables';

/** The membership module's tables: the roll and the worker sign-in. */
export interface MembershipTables extends RollTables, WorkerTables {}
