import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const ISSUER = 'https://login.example.test/realms/portal';
export const AUDIENCE = 'data-product-portal';

export interface TestIssuer {
  /** The public key as PEM, for AUTH_PUBLIC_KEY. */
  publicPem: string;
  /** The public key as a JSON Web Key Set, as an issuer's JWKS URL serves it. */
  jwks: { keys: Array<Record<string, unknown>> };
  /** Settings that make the service trust this issuer through AUTH_PUBLIC_KEY. */
  env: Record<string, string>;
  /** A signed access token: issuer, audience, an hour of validity unless `claims` say otherwise. */
  /** `expiresIn: null` leaves out the expiry. */
  token(claims?: JWTPayload, options?: { expiresIn?: string | number | null }): Promise<string>;
}

/** An identity provider of the test's own: a fresh RS256 key pair whose tokens jose signs. */
export async function createTestIssuer(kid = 'test-key'): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const publicPem = await exportSPKI(publicKey);
  return {
    publicPem,
    jwks: { keys: [jwk] },
    env: { AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, AUTH_PUBLIC_KEY: publicPem },
    token: (claims = {}, { expiresIn = '1h' } = {}) => {
      const jwt = new SignJWT({ sub: 'alice', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(typeof claims.iss === 'string' ? claims.iss : ISSUER)
        .setAudience(claims.aud ?? AUDIENCE)
        .setIssuedAt();
      return (expiresIn === null ? jwt : jwt.setExpirationTime(expiresIn)).sign(privateKey);
    },
  };
}
