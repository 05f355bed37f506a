/**
 * The one Content-Security-Policy for the renderer, sent as a header in web mode and on Electron responses
 * (index.html also carries it in a meta tag for file:// loads). No remote content: everything comes from the app
 * itself; images may be data:/blob: URLs because memory files inline base64 images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
