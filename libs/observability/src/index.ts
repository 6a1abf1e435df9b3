export { createLogger, REDACTED_PATHS } from './logger';
export { ErrorIdFilter } from './error-id.filter';
export { withoutPersonalQuery } from './personal-query';
