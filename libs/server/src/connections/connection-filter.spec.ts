import { matchesConnectionFilter } from './connection-filter';

const connection = { platform: 'NDXP', consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD' };

describe('connection filter', () => {
  it.each([
    [{}, true],
    [{ platform: 'NDXP' }, true],
    [{ platform: 'LGSP-HNI' }, false],
    [{ consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD' }, true],
    [{ provider: 'MPS' }, false],
    [{ agency: 'MPS' }, true],
    [{ agency: 'MPS.NPD' }, true],
    [{ agency: 'PROV-HNI' }, true],
    [{ agency: 'MP' }, false],
    [{ agency: 'MPS.N' }, false],
    [{ agency: 'MPS', platform: 'LGSP-HNI' }, false],
  ])('%j matches: %s', (filter, expected) => {
    expect(matchesConnectionFilter(connection, filter)).toBe(expected);
  });
});
