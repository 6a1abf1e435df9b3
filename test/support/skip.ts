/** A describe that reports its tests as skipped, with the reason in the name, when it cannot run here. */
export function describeIf(reason: string | null): jest.Describe {
  if (reason === null) return describe;
  const skipped = ((name: string, fn: () => void) =>
    describe.skip(`${name} [skipped: ${reason}]`, fn)) as unknown as jest.Describe;
  return skipped;
}
