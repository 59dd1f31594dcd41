/** Another live server holds the data folder's lock; start-up stops. */
export class DataDirLockedError extends Error {
  /** Always `DATA_DIR_LOCKED`. */
  readonly code = 'DATA_DIR_LOCKED';
  /** Process id of the server that holds the lock. */
  readonly holderPid: number;

  /**
   * @param dataDir - the data folder
   * @param holderPid - the process holding its lock
   * @param lockFile - the lock file, for the message
   */
  constructor(dataDir: string, holderPid: number, lockFile: string) {
    super(
      `data folder ${dataDir} is in use by another prismq-backend (pid ${holderPid}); ` +
        `stop it or choose another --data-dir (lock file ${lockFile})`,
    );
    this.name = 'DataDirLockedError';
    this.holderPid = holderPid;
  }
}
