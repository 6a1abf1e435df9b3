import fc from 'fast-check';
import { decodeCursor, encodeCursor, type HistoryPosition } from './history-cursor';

describe('history cursors', () => {
  it('give back the position they were made of (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2299, 11, 31) }),
        fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/),
        fc.constantFrom('platform' as const, 'consumer' as const, 'provider' as const),
        (occurredAtMs, transactionId, reportedBy) => {
          const position: HistoryPosition = { occurredAtMs, transactionId, reportedBy };
          const cursor = encodeCursor(position);
          expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(decodeCursor(cursor)).toEqual(position);
        },
      ),
    );
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$def'],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['another version', Buffer.from('[2,1,"T-1","platform"]').toString('base64url')],
    ['a bad time', Buffer.from('[1,1.5,"T-1","platform"]').toString('base64url')],
    ['a bad id', Buffer.from('[1,1,"T 1","platform"]').toString('base64url')],
    ['a bad party', Buffer.from('[1,1,"T-1","auditor"]').toString('base64url')],
    ['too long', 'a'.repeat(401)],
  ])('refuse what this API did not give out: %s', (_, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
