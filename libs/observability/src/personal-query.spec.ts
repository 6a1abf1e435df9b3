import { withoutPersonalQuery } from './personal-query';

describe('withoutPersonalQuery', () => {
  it('replaces a subject identifier and keeps the other parameters as they were', () => {
    expect(
      withoutPersonalQuery(
        '/api/v1/transactions?from=2026-03-01T00%3A00%3A00Z&subjectId=079112345678&limit=5',
      ),
    ).toBe('/api/v1/transactions?from=2026-03-01T00%3A00%3A00Z&subjectId=%5Bredacted%5D&limit=5');
  });

  it.each(['subjectid', 'SubjectID', 'subject_id', 'subject'])(
    'replaces %s too, a parameter the API refuses but the request log still sees',
    (name) => {
      expect(withoutPersonalQuery(`/x?${name}=079112345678`)).not.toContain('079112345678');
    },
  );

  it('replaces every occurrence of a repeated parameter', () => {
    const url = withoutPersonalQuery('/x?subjectId=0791&subjectId=0792');
    expect(url).toBe('/x?subjectId=%5Bredacted%5D&subjectId=%5Bredacted%5D');
  });

  it.each(['/api/v1/transactions', '/api/v1/transactions?from=a&to=b', '/x?q=subject'])(
    'leaves %s untouched',
    (url) => {
      expect(withoutPersonalQuery(url)).toBe(url);
    },
  );
});
