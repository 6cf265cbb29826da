// Worker thread: HMAC-SHA256 of respondent ids, so hashing runs beside parsing on a second core.
import { createHmac } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const secret = Buffer.from((workerData as { secret: string }).secret, 'hex');

parentPort!.on('message', (ids: string[]) => {
  const keys = new Uint32Array(ids.length * 2);
  for (let i = 0; i < ids.length; i++) {
    const digest = createHmac('sha256', secret).update(ids[i]).digest();
    keys[2 * i] = digest.readUInt32BE(0);
    keys[2 * i + 1] = digest.readUInt32BE(4);
  }
  parentPort!.postMessage(keys, [keys.buffer]);
});
