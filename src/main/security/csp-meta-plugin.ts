/**
 * Vite plugin for the renderer build: writes the production CSP into index.html as a `<meta>`, in the
 * built file only. Under `electron-vite dev` there is no meta, so the React plugin's inline preamble can
 * run; the dev window gets its (dev) policy from the header main sets instead. The meta is the same
 * policy main sends with every app:// response, less `frame-ancestors` (header-only: a meta ignores it),
 * so the built page is locked down even when opened without main's headers (the web test driver).
 */
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './csp.js';

const HEADER_ONLY = new Set(['frame-ancestors']);

export function metaContentSecurityPolicy(): string {
  return contentSecurityPolicy()
    .split('; ')
    .filter((directive) => !HEADER_ONLY.has(directive.split(' ')[0]!))
    .join('; ');
}

export function cspMetaPlugin(): Plugin {
  return {
    name: 'rakerone-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() }, injectTo: 'head-prepend' }],
    },
  };
}
