export * from './channels.js';
export * from './contract.js';
export * from './server-url.js';
export * from './bridge.js';
export * from './bulk-revoke.js';
