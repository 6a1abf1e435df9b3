import { parseHistoryFilters } from './history-filters';

describe('history filters', () => {
  it('keep what is given and valid', () => {
    expect(
      parseHistoryFilters({
        consumer: 'PROV-HNI.PORTAL',
        outcome: 'failure',
        errorCode: 'HTTP 504',
        transactionId: 'T-1:a',
        reportedBy: 'provider',
        subjectId: '079112345678',
      }),
    ).toEqual({
      ok: true,
      filters: {
        consumer: 'PROV-HNI.PORTAL',
        outcome: 'failure',
        errorCode: 'HTTP 504',
        transactionId: 'T-1:a',
        reportedBy: 'provider',
        subjectId: '079112345678',
      },
    });
    expect(parseHistoryFilters({})).toEqual({ ok: true, filters: {} });
  });

  it.each([
    ['platform', "NDXP' OR 1=1 --"],
    ['consumer', 'x'.repeat(65)],
    ['provider', ''],
    ['service', 'citizen lookup'],
    ['outcome', 'failed'],
    ['errorCode', 'bad\u0000code'],
    ['transactionId', 'T 1'],
    ['reportedBy', 'Platform'],
    ['subjectId', 'x'.repeat(257)],
  ] as const)('refuse a bad %s and name it without echoing the value', (name, value) => {
    const parsed = parseHistoryFilters({ [name]: value });
    expect(parsed).toEqual({
      ok: false,
      filter: name,
      rule: expect.stringMatching(/^must be /) as string,
      message: expect.stringMatching(new RegExp(`^${name} must be `)) as string,
    });
    if (!parsed.ok && value.length > 3) expect(parsed.message).not.toContain(value);
  });
});
