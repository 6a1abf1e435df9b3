import { intBetween, type Rng } from './random';
import { PROVINCES } from './provinces';

/**
 * A fake 12-digit citizen id shaped like a real one: 3-digit province of birth, a digit for
 * century and sex, 2 digits of birth year, 6 random digits. Provincial portals mostly ask about
 * their own residents.
 */
export function fakeCitizenId(rng: Rng, homePrefix: string | undefined): string {
  const prefix =
    homePrefix !== undefined && rng() < 0.85
      ? homePrefix
      : (PROVINCES[intBetween(rng, 0, PROVINCES.length - 1)]?.citizenIdPrefix ?? '001');
  const birthYear = intBetween(rng, 1940, 2012);
  const centuryAndSex = (birthYear >= 2000 ? 2 : 0) + intBetween(rng, 0, 1);
  const serial = String(intBetween(rng, 0, 999_999)).padStart(6, '0');
  return `${prefix}${centuryAndSex}${String(birthYear % 100).padStart(2, '0')}${serial}`;
}
