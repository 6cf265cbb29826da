// A phone, national or bank account number written in a number column (a signal's count, a monitor's n, an age, a
// weight) is personal data, refused as such, not a number of 470 million (adversarial run r23, F2).
import { describe, expect, it } from 'vitest';
import { convertCell, PERSONAL_DATA } from '../../src/ingest/cells.js';
import type { ColumnSpec } from '../../src/ingest/kinds/columns.js';

const spec = (type: ColumnSpec['type']) => ({ type }) as ColumnSpec;
const numberTypes = ['count', 'age', 'severity', 'weight', 'proportion'] as const;

describe('an identifier in a number column', () => {
  it.each(numberTypes.flatMap((type) => ['0470123456', '+32470123456', '0470 12 34 56', '0470/12.34.56', '85073003361', '85.07.30-033.61'].map((cell) => [type, cell] as const)))(
    'a %s cell %s is personal data',
    (type, cell) => expect(convertCell(spec(type), cell)).toBe(PERSONAL_DATA),
  );

  it.each(numberTypes.flatMap((type) => ['14', '0', '470123456', '12345678', '99999999', '1.23456789', '0.987654321', '0,123456789', '1234567,5', '2147483647'].map((cell) => [type, cell] as const)))(
    'a %s cell %s is no personal data',
    (type, cell) => expect(convertCell(spec(type), cell)).not.toBe(PERSONAL_DATA),
  );
});
