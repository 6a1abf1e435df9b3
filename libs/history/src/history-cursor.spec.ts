import fc from 'fast-check';
import { decodeCursor, encodeCursor, type HistoryPosition } from './history-cursor';

describe('history cursors', () => {
  it('give back the position they were made of (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2299, 11, 31) }),
        fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/),
        fc.constantFrom('platform' as const, 'consumer' as const, 'provider' as const),
        fc.array(fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/), { minLength: 3, maxLength: 3 }),
        (occurredAtMs, transactionId, reportedBy, [platform, consumer, provider]) => {
          const position: HistoryPosition = {
            occurredAtMs,
            transactionId,
            reportedBy,
            platform: platform as string,
            consumer: consumer as string,
            provider: provider as string,
          };
          const cursor = encodeCursor(position);
          expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(decodeCursor(cursor)).toEqual(position);
        },
      ),
    );
  });

  it('stay short enough for a URL at the longest values', () => {
    const longest = encodeCursor({
      occurredAtMs: Date.UTC(2299, 11, 31),
      transactionId: 'T'.repeat(128),
      reportedBy: 'provider',
      platform: 'P'.repeat(64),
      consumer: 'C'.repeat(64),
      provider: 'V'.repeat(64),
    });
    expect(decodeCursor(longest)).not.toBeNull();
    expect(longest.length).toBeLessThan(700);
  });

  const forged = (fields: unknown[]) => Buffer.from(JSON.stringify(fields)).toString('base64url');

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$def'],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['another version', forged([2, 1, 'T-1', 'platform', 'P', 'C', 'V'])],
    ['the first version’s shape', forged([1, 1, 'T-1', 'platform'])],
    ['a bad time', forged([1, 1.5, 'T-1', 'platform', 'P', 'C', 'V'])],
    ['a bad id', forged([1, 1, 'T 1', 'platform', 'P', 'C', 'V'])],
    ['a bad party', forged([1, 1, 'T-1', 'auditor', 'P', 'C', 'V'])],
    ['a bad connection', forged([1, 1, 'T-1', 'platform', 'P', "C' OR 1=1", 'V'])],
    ['a missing connection', forged([1, 1, 'T-1', 'platform', 'P', null, 'V'])],
    ['too long', 'a'.repeat(701)],
  ])('refuse what this API did not give out: %s', (_, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
