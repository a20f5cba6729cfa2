export * from './common.js';
export * from './auth.js';
export * from './dealers.js';
export * from './catalog.js';
export * from './platform.js';
