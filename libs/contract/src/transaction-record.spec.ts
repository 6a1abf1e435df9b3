import fc from 'fast-check';
import { toClickHouseDateTime64 } from './transaction-record';

describe('toClickHouseDateTime64', () => {
  it('writes UTC with milliseconds and zero padding', () => {
    expect(toClickHouseDateTime64(Date.UTC(2024, 1, 29, 3, 4, 5, 7))).toBe(
      '2024-02-29 03:04:05.007',
    );
    expect(toClickHouseDateTime64(Date.UTC(1900, 0, 1, 0, 0, 0, 0))).toBe(
      '1900-01-01 00:00:00.000',
    );
    expect(toClickHouseDateTime64(Date.UTC(2299, 11, 31, 23, 59, 59, 999))).toBe(
      '2299-12-31 23:59:59.999',
    );
  });

  it('agrees with the ISO 8601 form for every instant of the contract range', () => {
    const min = Date.UTC(1900, 0, 1);
    const max = Date.UTC(2300, 0, 1) - 1;
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(toClickHouseDateTime64(ms)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`);
      }),
    );
  });
});
