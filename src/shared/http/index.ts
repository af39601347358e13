export * from './common.js';
export * from './api-keys.js';
export * from './me.js';
export * from './resources.js';
export * from './activity.js';
