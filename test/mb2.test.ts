import { it } from 'vitest';
import { looksLikeIdentifier } from '../src/ingest/privacy.js';
it('mb', () => {
  const ids = Array.from({ length: 300000 }, (_, i) => `R${i + 1}`);
  for (let r = 0; r < 2; r++) {
    const t = performance.now();
    for (const id of ids) looksLikeIdentifier(id);
    console.log('ids', (performance.now() - t).toFixed(0), 'ms');
  }
});
