/** A command line that cannot run as given: exit 2, with the usage. */
export class UsageError extends Error {}
