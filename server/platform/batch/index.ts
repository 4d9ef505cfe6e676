export {
  ALONE,
  GroupCommit,
  GroupCommitClosedError,
  type BatchOp,
  type BatchScope,
  type BatchSet,
  type GroupCommitOptions,
  type GroupCommitStats,
  type SetAnswer,
} from './group-commit';
export { Coalescer } from './coalesce';
