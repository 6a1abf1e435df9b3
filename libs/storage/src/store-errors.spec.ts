import { classifyStoreError, storeErrorCode } from './store-errors';

const withCode = (code: unknown, message = 'failed'): Error =>
  Object.assign(new Error(message), { code });

describe('classifyStoreError', () => {
  it.each([
    '252',
    '3',
    '159',
    '164',
    '202',
    '209',
    '210',
    '241',
    '242',
    '285',
    '319',
    '425',
    '999',
    '1000',
  ])('retries ClickHouse code %s', (code) => {
    expect(classifyStoreError(withCode(code))).toBe('retriable');
  });

  it.each(['60', '62', '47', '53', '0', '251', '253'])('gives up on ClickHouse code %s', (code) => {
    expect(classifyStoreError(withCode(code))).toBe('permanent');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET'])(
    'retries socket error %s',
    (code) => {
      expect(classifyStoreError(withCode(code))).toBe('retriable');
    },
  );

  it.each(['ERR_X', 'ENOENT', 'econnrefused', ''])('gives up on unknown string code %j', (code) => {
    expect(classifyStoreError(withCode(code))).toBe('permanent');
  });

  it('retries an error with no code (a client-side timeout)', () => {
    expect(classifyStoreError(new Error('Timeout error.'))).toBe('retriable');
  });

  it('retries values that carry no code at all', () => {
    expect(classifyStoreError(null)).toBe('retriable');
    expect(classifyStoreError(undefined)).toBe('retriable');
    expect(classifyStoreError('boom')).toBe('retriable');
  });
});

describe('storeErrorCode', () => {
  it('gives string and numeric codes as text, and "unknown" otherwise', () => {
    expect(storeErrorCode(withCode('252'))).toBe('252');
    expect(storeErrorCode(withCode(60))).toBe('60');
    expect(storeErrorCode(withCode('ECONNREFUSED'))).toBe('ECONNREFUSED');
    expect(storeErrorCode(new Error('x'))).toBe('unknown');
    expect(storeErrorCode(null)).toBe('unknown');
    expect(storeErrorCode(withCode({ nested: 1 }))).toBe('unknown');
  });
});
