export {
  GroupCommit,
  GroupCommitClosedError,
  type BatchOp,
  type BatchScope,
  type GroupCommitOptions,
  type GroupCommitStats,
} from './group-commit';
