import { createHmac } from 'node:crypto';

/**
 * Keyed pseudonym of a data subject's identifier (HMAC-SHA256, hex). The same identifier
 * always maps to the same pseudonym under one key, so auditors can search by it, while the
 * identifier itself cannot be recovered without the key.
 */
export class SubjectPseudonymizer {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('the subject HMAC key must be at least 32 bytes');
  }

  pseudonymize(subjectId: string): string {
    return createHmac('sha256', this.key).update(subjectId, 'utf8').digest('hex');
  }
}
