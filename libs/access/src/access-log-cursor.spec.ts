import { decodeAccessLogCursor, encodeAccessLogCursor } from './access-log-cursor';

describe('access-log cursors', () => {
  const position = { atMs: 1_795_000_000_123, chainId: '1795000000000-vm-4242-9f3a0b1c', seq: 17 };

  it('read back the position they were made from', () => {
    expect(decodeAccessLogCursor(encodeAccessLogCursor(position))).toEqual(position);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{x', 'utf8').toString('base64url')],
    ['another version', Buffer.from('[2,1,"c",0]').toString('base64url')],
    ['a negative sequence', Buffer.from('[1,1,"c",-1]').toString('base64url')],
    ['a fractional time', Buffer.from('[1,1.5,"c",0]').toString('base64url')],
    ['SQL in the chain id', Buffer.from(`[1,1,"c' OR 1=1 --",0]`).toString('base64url')],
    ['too many fields', Buffer.from('[1,1,"c",0,9]').toString('base64url')],
    ['far too long', 'A'.repeat(601)],
  ])('refuse %s', (_, cursor) => {
    expect(decodeAccessLogCursor(cursor)).toBeNull();
  });
});
