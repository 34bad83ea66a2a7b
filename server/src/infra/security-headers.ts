import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

export interface SecurityHeadersOptions {
  /** The public URL is https: browsers are told to use nothing else (HSTS). */
  https: boolean;
}

/**
 * What the browser may trust, on every response: scripts only from this origin (the Vite build has
 * no inline script), no framing, no MIME sniffing, no full URLs leaking in Referer. Styles allow
 * `unsafe-inline` because the printable statement and the API docs carry a <style> block and
 * `style` attributes; styles cannot run code.
 */
export default fp<SecurityHeadersOptions>(
  async (app, options) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(options.https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // Cross-origin isolation would block nothing Lepa loads, but it is not needed either.
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
      xFrameOptions: { action: 'deny' },
    });
  },
  { name: 'security-headers' },
);
