/** Injection tokens of the things the libs provide as plain objects. */
export const LOGGER = Symbol('LOGGER');
export const CLICKHOUSE = Symbol('CLICKHOUSE');
export const KAFKA = Symbol('KAFKA');
export const DECODE = Symbol('DECODE');
export const PSEUDONYMIZER = Symbol('PSEUDONYMIZER');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
