import { BadRequestException } from '@nestjs/common';
import {
  agencyCode,
  connectionListQuery,
  healthEventsQuery,
} from '../connections/connection-queries';
import { parseQuery } from './parse-query';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return error.message;
    throw error;
  }
  throw new Error('expected a BadRequestException');
}

describe('parseQuery', () => {
  it('returns the validated query', () => {
    expect(parseQuery(connectionListQuery, { state: 'down', provider: 'MPS.NPD' })).toEqual({
      state: 'down',
      provider: 'MPS.NPD',
    });
    expect(
      parseQuery(healthEventsQuery, {
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-02T00:00:00+07:00',
      }),
    ).toEqual({
      from: Date.parse('2026-11-01T00:00:00Z'),
      to: Date.parse('2026-11-01T17:00:00Z'),
      limit: 1000,
    });
  });

  it('names every bad parameter and refuses unknown ones', () => {
    expect(
      messageOf(() => parseQuery(connectionListQuery, { state: 'asleep', platfrom: 'X' })),
    ).toBe(
      'state: must be one of healthy, degraded, down, idle, unknown; unknown parameter platfrom',
    );
    expect(messageOf(() => parseQuery(connectionListQuery, { consumer: 'a b' }))).toBe(
      'consumer: must be a code of 1 to 64 letters, digits, ".", "_" or "-"',
    );
    expect(
      messageOf(() =>
        parseQuery(healthEventsQuery, {
          from: 'yesterday',
          to: '2026-11-02T00:00:00Z',
          limit: '0',
        }),
      ),
    ).toMatch(/^from: must be an RFC 3339 date and time with Z or an offset; limit: /);
    expect(
      messageOf(() =>
        parseQuery(healthEventsQuery, { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }),
      ),
    ).toBe('from: must be before to');
  });
});

describe('parseQuery: messages of single values and missing parameters', () => {
  it('names a path parameter by its name, and a missing instant as required', () => {
    expect(messageOf(() => parseQuery(agencyCode, 'a b', 'code'))).toBe(
      'code: must be a code of 1 to 64 letters, digits, ".", "_" or "-"',
    );
    expect(messageOf(() => parseQuery(healthEventsQuery, { to: '2026-11-02T00:00:00Z' }))).toBe(
      'from: is required: an RFC 3339 date and time with Z or an offset',
    );
  });
});
