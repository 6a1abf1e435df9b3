export { composeApp } from './compose-app';
export type { AppParts } from './compose-app';
export { runApp } from './run-app';
export { startHttpApp } from './http-app';
