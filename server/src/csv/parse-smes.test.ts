import { describe, expect, it } from 'vitest';
import { SME_CSV_COLUMNS } from '@lepa/shared';
import { parseSmeCsv } from './parse-smes.ts';

const header = SME_CSV_COLUMNS.join(',');
const row = (n: number) =>
  `"Firm ${n}, Ltd",B1 0AA,52.35,-2.1,20,3,independent,yes,0,60,no,loft-insulation:10:500,pas-2030:2030-01-31`;

describe('parseSmeCsv', () => {
  it('answers a quote the parser finds broken one tick after reading it', async () => {
    const parsed = await parseSmeCsv(`${header}\n${row(0)}\n"unclosed,${row(1)}\n`, 10);
    expect(parsed.firms).toEqual([]);
    expect(parsed.issues).toEqual([expect.objectContaining({ line: 3, field: 'file' })]);
  });

  it('answers a row over the limit that only the end of the file releases', async () => {
    const parsed = await parseSmeCsv(`${header}\n${row(0)}\n${row(1)}\n${row(2)}`, 2);
    expect(parsed.issues).toEqual([
      expect.objectContaining({ line: 4, field: 'file', message: expect.stringMatching(/more than 2/) }),
    ]);
  });

  it('reads a good file whole', async () => {
    const parsed = await parseSmeCsv(`${header}\n${row(0)}\n${row(1)}`, 2);
    expect(parsed.issues).toEqual([]);
    expect(parsed.firms.map((firm) => firm.line)).toEqual([2, 3]);
  });
});
