// SQLite's failures as the store errors a user can act on: "disk I/O error" on a full disk says the disk is full
// (adversary r4, F2), and stays a write failure otherwise. The free space is faked: no test fills a disk.
import { afterEach, describe, expect, it, vi } from 'vitest';

const space = vi.hoisted(() => ({ free: 10 }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  return { ...fs, statfsSync: (path: string) => ({ ...fs.statfsSync(path), bavail: space.free }) };
});

const { storeFailure } = await import('../../src/store/failure.js');

const failure = (code: string) => Object.assign(new Error('disk I/O error'), { code });

describe('storeFailure', () => {
  afterEach(() => {
    space.free = 10;
  });

  it('says the disk is full when SQLite cannot even make its -shm file there', () => {
    space.free = 0;
    for (const code of ['SQLITE_IOERR', 'SQLITE_IOERR_SHMSIZE', 'SQLITE_CANTOPEN', 'SQLITE_FULL']) {
      expect(storeFailure('/tmp/s.db', failure(code)).detail, code).toEqual({ key: 'store.disk_full', params: { store: '/tmp/s.db' } });
    }
  });

  // adversarial run r9, F7: with 28 KB left, growing the 32 KB -shm fails although some blocks are still free
  it('says the disk is full when SQLite cannot grow its -shm file, with a few blocks still free', () => {
    expect(storeFailure('/tmp/s.db', failure('SQLITE_IOERR_SHMSIZE')).detail).toEqual({ key: 'store.disk_full', params: { store: '/tmp/s.db' } });
  });

  it('keeps a write failure one when there is room', () => {
    expect(storeFailure('/tmp/s.db', failure('SQLITE_IOERR')).detail).toEqual({ key: 'store.cannot_write', params: { store: '/tmp/s.db', reason: 'SQLITE_IOERR' } });
    expect(storeFailure('/tmp/s.db', failure('SQLITE_FULL')).detail.key).toBe('store.disk_full');
  });
});
