import { describe, expect, it } from 'vitest';
import { rolesFromClaims } from '../../src/auth/caller.js';
import {
  createTokenVerifier,
  KeysUnavailable,
  TokenRejected,
} from '../../src/auth/token-verifier.js';
import { AUDIENCE, createTestIssuer, ISSUER } from '../support/tokens.js';

const SETTINGS = {
  AUTH_ISSUER: ISSUER,
  AUTH_AUDIENCE: [AUDIENCE],
  AUTH_ALGORITHMS: ['RS256' as const],
  AUTH_ROLES_CLAIM: 'roles',
  AUTH_CLOCK_TOLERANCE_SECONDS: 0,
};

describe('token verification', () => {
  it('remembers a verified token no longer than it is valid', async () => {
    const issuer = await createTestIssuer();
    const verify = createTokenVerifier({ ...SETTINGS, AUTH_PUBLIC_KEY: issuer.publicPem });
    const token = await issuer.token({ roles: ['editor'] }, { expiresIn: '1s' });
    expect(await verify(token)).toEqual({
      kind: 'token',
      subject: 'alice',
      roles: new Set(['editor']),
    });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(verify(token)).rejects.toThrow(new TokenRejected('the token has expired'));
  });

  it('tells an unreachable key set apart from a bad token', async () => {
    const issuer = await createTestIssuer();
    const verify = createTokenVerifier({
      ...SETTINGS,
      AUTH_JWKS_URL: 'http://127.0.0.1:9/certs',
    });
    await expect(verify(await issuer.token())).rejects.toBeInstanceOf(KeysUnavailable);
    await expect(verify('not.a.token')).rejects.toBeInstanceOf(TokenRejected);
  });
});

describe('roles from a claim', () => {
  it('reads a list, a space-separated string or a dotted path, and nothing else', () => {
    expect(rolesFromClaims({ roles: ['editor', 7, 'admin'] }, 'roles')).toEqual(
      new Set(['editor', 'admin']),
    );
    expect(rolesFromClaims({ scope: 'openid editor' }, 'scope')).toEqual(
      new Set(['openid', 'editor']),
    );
    expect(
      rolesFromClaims(
        { resource_access: { portal: { roles: ['admin'] } } },
        'resource_access.portal.roles',
      ),
    ).toEqual(new Set(['admin']));
    expect(rolesFromClaims({ realm_access: ['admin'] }, 'realm_access.roles')).toEqual(new Set());
    expect(rolesFromClaims({ roles: { admin: true } }, 'roles')).toEqual(new Set());
  });
});
