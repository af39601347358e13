/**
 * Under `electron-vite dev` the `<meta>` CSP (script-src 'self') blocked the React
 * plugin's inline preamble and the window stayed blank. The meta is now added by the production build
 * only; dev gets main's dev policy as a header.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../src/main/security/csp.js';
import { cspMetaPlugin, metaContentSecurityPolicy } from '../../../../src/main/security/csp-meta-plugin.js';

describe('renderer CSP in dev and in the build', () => {
  it('the source index.html (what the dev server serves) carries no CSP meta', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8');
    expect(html).not.toMatch(/http-equiv=["']Content-Security-Policy/i);
  });

  it('the plugin adds the meta in builds only, with the header policy less the header-only frame-ancestors', () => {
    const plugin = cspMetaPlugin();
    expect(plugin.apply).toBe('build');
    const transform = plugin.transformIndexHtml as { handler: () => { tag: string; attrs: Record<string, string> }[] };
    const [tag] = transform.handler();
    expect(tag).toMatchObject({ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy' } });
    expect(tag!.attrs.content).toBe(metaContentSecurityPolicy());
    expect(metaContentSecurityPolicy()).toContain("script-src 'self';");
    expect(metaContentSecurityPolicy()).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy().replace("; frame-ancestors 'none'", '')).toBe(metaContentSecurityPolicy());
  });

  it("the dev header policy lets the dev server's inline preamble and HMR socket through", () => {
    const dev = contentSecurityPolicy({ dev: { origin: 'http://localhost:5173' } });
    expect(dev).toContain("script-src 'self' 'unsafe-inline' http://localhost:5173");
    expect(dev).toContain('ws://localhost:5173');
  });
});
