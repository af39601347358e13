/**
 * The renderer's Content Security Policy. Nothing loads from anywhere but our own origin; no eval, no
 * inline script; inline styles only because Mantine injects its CSS variables and styles at run time.
 * The renderer talks to nothing over the network (connect-src 'none'): every request goes through main.
 * Development adds what Vite's dev server needs (its inline React-refresh preamble and HMR socket).
 */
export function contentSecurityPolicy(options: { dev?: { origin: string } } = {}): string {
  const dev = options.dev;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'", dev.origin] : ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': dev ? ["'self'", dev.origin, dev.origin.replace(/^http/, 'ws')] : ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'worker-src': ["'none'"],
    'manifest-src': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
