import { DEFAULT_CATALOGUE } from './catalogue';
import { IncidentSpecError, parseIncidentSpec } from './incident-spec';
import { buildConnections } from './traffic-model';

const connections = buildConnections(DEFAULT_CATALOGUE);
const NOW = Date.parse('2026-11-22T09:30:00Z');

describe('parseIncidentSpec', () => {
  it('parses an outage with a window', () => {
    expect(
      parseIncidentSpec(
        'outage:consumer=PROV-HNI.PORTAL,provider=MPS.NPD,from=2026-11-22T10:00:00Z,to=2026-11-22T11:00:00Z',
        connections,
      ),
    ).toEqual({
      kind: 'outage',
      selector: { consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD' },
      fromMs: Date.parse('2026-11-22T10:00:00Z'),
      toMs: Date.parse('2026-11-22T11:00:00Z'),
    });
  });

  it('defaults to 10 minutes from the given start, a 30 % ratio and a 5x slowdown', () => {
    expect(
      parseIncidentSpec('failures:provider=VSS.INSURANCE', connections, { fromMs: NOW }),
    ).toEqual({
      kind: 'failures',
      failureRatio: 0.3,
      selector: { provider: 'VSS.INSURANCE' },
      fromMs: NOW,
      toMs: NOW + 600_000,
    });
    const slowdown = parseIncidentSpec('slowdown:platform=NDXP,to=2026-11-22T12:00Z', connections, {
      fromMs: NOW,
    });
    expect(slowdown).toMatchObject({ kind: 'slowdown', latencyFactor: 5, fromMs: NOW });
    expect(slowdown.toMs).toBe(Date.parse('2026-11-22T12:00:00Z'));
  });

  it('reads ratio and factor', () => {
    expect(
      parseIncidentSpec('failures:service=citizen.verify,ratio=0.5', connections, { fromMs: NOW }),
    ).toMatchObject({ failureRatio: 0.5, selector: { service: 'citizen.verify' } });
    expect(
      parseIncidentSpec('slowdown:provider=GDT.TAX,factor=12', connections, { fromMs: NOW }),
    ).toMatchObject({ latencyFactor: 12 });
  });

  it.each([
    ['meltdown:provider=MPS.NPD', /unknown kind 'meltdown'/],
    [
      'outage:consumer=PROV-HNX.PORTAL',
      /unknown consumer 'PROV-HNX.PORTAL' \(did you mean .*PROV-HNI.PORTAL/,
    ],
    ['outage:provider=MPS.XYZ', /unknown provider 'MPS.XYZ'/],
    ['outage:provider=MPS.NPD,ratio=0.3', /unknown key 'ratio'/],
    ['outage:from=2026-11-22T10:00:00Z', /name at least one of/],
    ['outage:consumer=MOET.EXAM,provider=GDT.TAX', /no connection matches/],
    ['outage:provider=MPS.NPD,from=yesterday', /'from' is not a date/],
    ['outage:provider=MPS.NPD,from=2026-11-22T10:00:00', /'from' is not a date/],
    [
      'outage:provider=MPS.NPD,from=2026-11-22T10:00:00Z,to=2026-11-22T09:00:00Z',
      /'to' must be after/,
    ],
    ['failures:provider=MPS.NPD,ratio=1.5', /'ratio' must be in/],
    ['slowdown:provider=MPS.NPD,factor=fast', /'factor' is not a number/],
    ['outage:provider', /expected key=value/],
    ['outage:provider=MPS.NPD,provider=GDT.TAX', /given twice/],
  ])('rejects %s', (spec, message) => {
    const parse = () => parseIncidentSpec(spec, connections, { fromMs: NOW });
    expect(parse).toThrow(IncidentSpecError);
    expect(parse).toThrow(message);
  });

  it('requires a start when no default start is given', () => {
    expect(() => parseIncidentSpec('outage:provider=MPS.NPD', connections)).toThrow(
      /'from' is required/,
    );
  });
});
