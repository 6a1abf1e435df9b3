import type { TransactionEventV1 } from '@datashare/contract';
import { CallbackEventSink } from './event-sink';
import { HttpEventSink } from './http-event-sink';
import { KafkaEventSink, type EventProducer } from './kafka-event-sink';

function event(n: number, consumer = 'PROV-HNI.PORTAL'): TransactionEventV1 {
  return {
    schemaVersion: 1,
    transactionId: `SIM-1-${n}`,
    reportedBy: 'platform',
    occurredAt: new Date(1_700_000_000_000 + n).toISOString(),
    platform: 'NDXP',
    consumer,
    provider: 'MPS.NPD',
    service: 'citizen.lookup',
    outcome: 'success',
  };
}

const events = (count: number) => Array.from({ length: count }, (_, n) => event(n));

describe('HttpEventSink', () => {
  function fakeFetch(status = 202, body = '') {
    const calls: { url: string; init: RequestInit; body: string }[] = [];
    const fetchFn: typeof fetch = (url, init) => {
      const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
      const sent = typeof init?.body === 'string' ? init.body : '';
      calls.push({ url: href, init: init ?? {}, body: sent });
      return Promise.resolve(new Response(body, { status }));
    };
    return { calls, fetch: fetchFn };
  }

  it('POSTs NDJSON to /api/v1/transactions in chunks of at most 5,000', async () => {
    const fake = fakeFetch();
    const sink = new HttpEventSink({ baseUrl: 'http://127.0.0.1:3000/', fetch: fake.fetch });
    await sink.send(events(12_001));
    expect(fake.calls.map((c) => c.url)).toEqual(
      Array(3).fill('http://127.0.0.1:3000/api/v1/transactions'),
    );
    const [first] = fake.calls;
    expect(first?.init.method).toBe('POST');
    expect(first?.init.headers).toEqual({ 'content-type': 'application/x-ndjson' });
    const lines = fake.calls.map((c) => c.body.trimEnd().split('\n'));
    expect(lines.map((l) => l.length)).toEqual([5_000, 5_000, 2_001]);
    expect(JSON.parse(lines[2]?.[2_000] ?? '')).toEqual(event(12_000));
  });

  it('sends the API key as a bearer token', async () => {
    const fake = fakeFetch(200, '{"accepted":1}');
    await new HttpEventSink({ baseUrl: 'http://x', apiKey: 'k_1', fetch: fake.fetch }).send(
      events(1),
    );
    expect(fake.calls[0]?.init.headers).toEqual({
      'content-type': 'application/x-ndjson',
      authorization: 'Bearer k_1',
    });
  });

  it('says which key to give when the monitor refuses the credentials', async () => {
    const fake = fakeFetch(401, '{"statusCode":401,"message":"unknown API key"}');
    await expect(
      new HttpEventSink({ baseUrl: 'http://x', fetch: fake.fetch }).send(events(1)),
    ).rejects.toThrow(/answered 401: .*unknown API key.*SIMULATOR_API_KEY/);
  });

  it('throws with the status and the body on a non-2xx answer', async () => {
    const fake = fakeFetch(400, '{"error":"schema_violation"}');
    const sink = new HttpEventSink({ baseUrl: 'http://monitor:8080', fetch: fake.fetch });
    await expect(sink.send(events(3))).rejects.toThrow(
      'POST http://monitor:8080/api/v1/transactions answered 400: {"error":"schema_violation"}',
    );
  });

  it("throws with the monitor's reason when it refuses events in a 200 answer", async () => {
    const answer = {
      accepted: 1,
      rejected: [
        {
          index: 1,
          code: 'past_retention',
          reason: 'occurredAt … is older than the 400-day retention',
        },
        {
          index: 2,
          code: 'past_retention',
          reason: 'occurredAt … is older than the 400-day retention',
        },
      ],
    };
    const fake = fakeFetch(200, JSON.stringify(answer));
    const sink = new HttpEventSink({ baseUrl: 'http://x', fetch: fake.fetch });
    await expect(sink.send(events(3))).rejects.toThrow(
      'the monitor refused 2 of 3 events, e.g. past_retention: occurredAt … is older than the 400-day retention',
    );
  });

  it('accepts a 200 answer that refuses nothing', async () => {
    const fake = fakeFetch(200, JSON.stringify({ accepted: 3, rejected: [] }));
    await expect(
      new HttpEventSink({ baseUrl: 'http://x', fetch: fake.fetch }).send(events(3)),
    ).resolves.toBeUndefined();
  });

  it('sends nothing for no events', async () => {
    const fake = fakeFetch();
    await new HttpEventSink({ baseUrl: 'http://x', fetch: fake.fetch }).send([]);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('KafkaEventSink', () => {
  it('produces JSON keyed by consumer with acks -1, in batches', async () => {
    const sent: Parameters<EventProducer['send']>[0][] = [];
    const producer: EventProducer = {
      send: (record) => {
        sent.push(record);
        return Promise.resolve([]);
      },
      disconnect: () => Promise.resolve(),
    };
    const sink = new KafkaEventSink(producer, 'datasharing.transactions.v1', 2);
    const batch = [event(1, 'MOJ.CIVIL'), event(2), event(3, 'EVN.BILLING')];
    await sink.send(batch);
    expect(sent).toHaveLength(2);
    expect(sent.every((r) => r.acks === -1 && r.topic === 'datasharing.transactions.v1')).toBe(
      true,
    );
    const messages = sent.flatMap((r) => r.messages);
    expect(messages.map((m) => m.key)).toEqual(['MOJ.CIVIL', 'PROV-HNI.PORTAL', 'EVN.BILLING']);
    expect(messages.map((m): unknown => JSON.parse(String(m.value)))).toEqual(batch);
  });
});

describe('CallbackEventSink', () => {
  it('hands non-empty batches to the callback', async () => {
    const received: (readonly TransactionEventV1[])[] = [];
    const sink = new CallbackEventSink((batch) => {
      received.push(batch);
    });
    await sink.send([]);
    await sink.send(events(2));
    expect(received).toEqual([events(2)]);
  });
});
