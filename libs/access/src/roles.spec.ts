import { ROLES, grants } from './roles';

describe('grants', () => {
  it.each([
    [['viewer'], 'viewer', true],
    [['viewer'], 'auditor', false],
    [['auditor'], 'viewer', true],
    [['auditor'], 'ingest', false],
    [['ingest'], 'viewer', false],
    [['ingest'], 'ingest', true],
    [['viewer', 'ingest'], 'ingest', true],
    [[], 'viewer', false],
  ] as const)('%j may do what %s may: %s', (held, required, expected) => {
    expect(grants(held, required)).toBe(expected);
  });

  it('lets an admin do everything', () => {
    for (const role of ROLES) expect(grants(['admin'], role)).toBe(true);
  });
});
