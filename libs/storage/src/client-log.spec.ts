import { clientLoggerFor } from './client-log';

describe('the ClickHouse client logger', () => {
  it('hands warnings and errors to the application logger as fields, and drops the chatter', () => {
    const entries: unknown[][] = [];
    const Log = clientLoggerFor({
      warn: (...entry) => entries.push(['warn', ...entry]),
      error: (...entry) => entries.push(['error', ...entry]),
    });
    const log = new Log();
    const err = new Error('socket hang up');
    log.trace({ module: 'Connection', message: 'request' });
    log.info({ module: 'Connection', message: 'request' });
    log.warn({ module: 'Pool', message: 'socket closed', args: { connection_id: 'c1' } });
    log.error({
      module: 'Connection',
      message: 'Exec: HTTP request error.',
      args: { query_id: 'q1' },
      err,
    });
    expect(entries).toEqual([
      ['warn', { clickhouseClient: 'Pool', connection_id: 'c1' }, 'socket closed'],
      [
        'error',
        { clickhouseClient: 'Connection', query_id: 'q1', err },
        'Exec: HTTP request error.',
      ],
    ]);
  });
});
