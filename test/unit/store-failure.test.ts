// SQLite says "disk I/O error" when a full disk keeps its -shm or -wal from growing: the free space beside the
// store tells that cause, so the user reads "the disk is full", as the write paths say (adversary r4, F2).
import { describe, expect, it } from 'vitest';
import { storeFailure } from '../../src/store/failure.js';

const sqlite = (code: string) => Object.assign(new Error('disk I/O error'), { code });

describe('a SQLite failure on a full disk', () => {
  it.each(['SQLITE_IOERR', 'SQLITE_IOERR_SHMSIZE', 'SQLITE_IOERR_WRITE', 'SQLITE_FULL'])('%s with no space left is the disk being full', (code) => {
    expect(storeFailure('s.db', sqlite(code), () => 0).detail).toEqual({ key: 'store.disk_full', params: { store: 's.db' } });
  });

  it('an I/O error with space left stays what it was', () => {
    expect(storeFailure('s.db', sqlite('SQLITE_IOERR'), () => 10 ** 9).detail.key).toBe('store.cannot_write');
    expect(storeFailure('s.db', sqlite('SQLITE_IOERR_SHMSIZE'), () => 10 ** 9).detail.key).toBe('store.failed');
    // the free space cannot be read (a folder gone meanwhile): no guess
    const unknown = () => {
      throw new Error('ENOENT');
    };
    expect(storeFailure('s.db', sqlite('SQLITE_IOERR_WRITE'), unknown).detail.key).toBe('store.failed');
  });
});
