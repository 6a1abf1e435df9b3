import { SubjectPseudonymizer } from './subject-pseudonymizer';

describe('SubjectPseudonymizer', () => {
  const key0b = Buffer.alloc(32, 0x0b);

  it('is HMAC-SHA256 in hex: key 32 x 0x0b, data "Hi There"', () => {
    // Cross-checked with: printf 'Hi There' | openssl dgst -sha256 -mac HMAC -macopt hexkey:0b…0b
    expect(new SubjectPseudonymizer(key0b).pseudonymize('Hi There')).toBe(
      '198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7',
    );
  });

  it('gives another pseudonym under another key (32 x 0x0c)', () => {
    expect(new SubjectPseudonymizer(Buffer.alloc(32, 0x0c)).pseudonymize('Hi There')).toBe(
      'fd0d24236fe26971fb9893b64bf774604fbb8b43d4e7e49daeb4a2547760abb3',
    );
  });

  it('is stable for one key and distinct for distinct identifiers', () => {
    const a = new SubjectPseudonymizer(key0b);
    const b = new SubjectPseudonymizer(Buffer.from(key0b));
    expect(a.pseudonymize('3100700123456')).toBe(b.pseudonymize('3100700123456'));
    expect(a.pseudonymize('3100700123456')).not.toBe(a.pseudonymize('3100700123457'));
    expect(a.pseudonymize('3100700123456')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs between keys that differ in one byte', () => {
    const other = Buffer.alloc(32, 0x0b);
    other[31] = 0x0a;
    expect(new SubjectPseudonymizer(other).pseudonymize('Hi There')).not.toBe(
      new SubjectPseudonymizer(key0b).pseudonymize('Hi There'),
    );
  });

  it('never contains the identifier', () => {
    const id = '1234567890123';
    expect(new SubjectPseudonymizer(key0b).pseudonymize(id)).not.toContain(id);
  });

  it.each([0, 16, 31])('refuses a key of %i bytes', (length) => {
    expect(() => new SubjectPseudonymizer(Buffer.alloc(length, 1))).toThrow(
      'the subject HMAC key must be at least 32 bytes',
    );
  });

  it('accepts a key longer than 32 bytes', () => {
    expect(new SubjectPseudonymizer(Buffer.alloc(64, 0x0b)).pseudonymize('x')).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });
});
