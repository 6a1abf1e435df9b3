import type { TransactionRecord } from '@datashare/contract';
import { ConnectionOutcomes } from './connection-outcomes';

const record = (
  consumer: string,
  outcome: TransactionRecord['outcome'],
  reportedBy: TransactionRecord['reported_by'] = 'platform',
  provider = 'MPS.NPD',
): TransactionRecord => ({
  transaction_id: `t-${consumer}`,
  reported_by: reportedBy,
  occurred_at: '2026-11-23 03:00:00.000',
  platform: 'NDXP',
  consumer,
  provider,
  service: 'lookup',
  outcome,
  error_code: '',
  latency_ms: null,
  request_bytes: null,
  response_bytes: null,
  subject_ref: '',
});

describe('ConnectionOutcomes', () => {
  it('counts each connection by outcome, in the order connections were first seen', () => {
    const outcomes = new ConnectionOutcomes();
    for (const r of [
      record('GDT.TAX', 'success'),
      record('PROV-HN.PORTAL', 'failure'),
      record('GDT.TAX', 'failure'),
      record('GDT.TAX', 'success'),
      record('GDT.TAX', 'success', 'platform', 'MOJ.CIVIL'),
    ]) {
      outcomes.add(r);
    }
    expect([...outcomes]).toEqual([
      { platform: 'NDXP', consumer: 'GDT.TAX', provider: 'MPS.NPD', success: 2, failure: 1 },
      { platform: 'NDXP', consumer: 'GDT.TAX', provider: 'MOJ.CIVIL', success: 1, failure: 0 },
      { platform: 'NDXP', consumer: 'PROV-HN.PORTAL', provider: 'MPS.NPD', success: 0, failure: 1 },
    ]);
  });

  it("counts only the platform's reports", () => {
    const outcomes = new ConnectionOutcomes();
    outcomes.add(record('GDT.TAX', 'success', 'consumer'));
    outcomes.add(record('GDT.TAX', 'failure', 'provider'));
    expect([...outcomes]).toEqual([]);
    outcomes.add(record('GDT.TAX', 'failure'));
    expect([...outcomes]).toEqual([
      { platform: 'NDXP', consumer: 'GDT.TAX', provider: 'MPS.NPD', success: 0, failure: 1 },
    ]);
  });

  it('keeps codes apart that a joined key would run together', () => {
    const outcomes = new ConnectionOutcomes();
    outcomes.add({ ...record('B', 'success'), platform: 'A' });
    outcomes.add({ ...record('', 'success'), platform: 'AB' });
    expect([...outcomes].map((c) => [c.platform, c.consumer])).toEqual([
      ['A', 'B'],
      ['AB', ''],
    ]);
  });
});
