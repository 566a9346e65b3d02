import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Env } from '../env.js';
import { type Caller, OPEN_CALLER } from './caller.js';
import { createTokenVerifier, KeysUnavailable, type TokenVerifier } from './token-verifier.js';

/**
 * `verify`: every GraphQL request carries a bearer token of AUTH_ISSUER. `open`: no identity is
 * checked, in newcomer mode (outside production, no issuer) or with AUTH_DISABLED=true.
 */
export type AuthMode =
  | { kind: 'verify'; verify: TokenVerifier; description: string }
  | { kind: 'open'; reason: 'newcomer' | 'disabled' };

/** The mode the settings ask for (env.ts has already refused contradicting settings). */
export function authModeOf(env: Env): AuthMode {
  if (env.AUTH_ISSUER === undefined)
    return { kind: 'open', reason: env.AUTH_DISABLED ? 'disabled' : 'newcomer' };
  const keys = env.AUTH_JWKS_URL ? `keys from ${env.AUTH_JWKS_URL}` : 'the key of AUTH_PUBLIC_KEY';
  return {
    kind: 'verify',
    verify: createTokenVerifier({ ...env, AUTH_ISSUER: env.AUTH_ISSUER }),
    description: `bearer tokens of ${env.AUTH_ISSUER} for ${(env.AUTH_AUDIENCE ?? []).join(', ')} (${keys}; roles from claim ${env.AUTH_ROLES_CLAIM})`,
  };
}

const REALM = 'Bearer realm="data-product-portal"';

function unauthenticated(message: string, challenge: string) {
  return createGraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: { 'WWW-Authenticate': challenge } },
    },
  });
}

/** RFC 6750: the challenge repeats why the token was refused, as a quoted string. */
function invalidTokenChallenge(reason: string): string {
  return `${REALM}, error="invalid_token", error_description="${reason.replace(/["\\]/g, "'")}"`;
}

export interface Authentication {
  plugin: Plugin;
  /** Who sent the request; null for an anonymous one (which `verify` never lets through). */
  callerOf(request: Request): Caller | null;
}

/**
 * The door: in `verify` mode a GraphQL request without a valid bearer token is answered with 401
 * and `WWW-Authenticate: Bearer` before it is parsed. Health, readiness and the GraphiQL page are
 * answered before this and need no token. In production a caller without a verified identity gets
 * no introspection (AUTH_DISABLED=true: whoever reaches the service is not known to it).
 */
export function useAuthentication(
  mode: AuthMode,
  { production, onKeysUnavailable }: { production: boolean; onKeysUnavailable: (e: Error) => void },
): Authentication {
  const callers = new WeakMap<Request, Caller>();
  const callerOf = (request: Request): Caller | null =>
    mode.kind === 'open' ? OPEN_CALLER : (callers.get(request) ?? null);
  const plugin: Plugin = {
    async onRequestParse({ request }) {
      if (mode.kind === 'open') return;
      const header = request.headers.get('authorization');
      if (header === null)
        throw unauthenticated(
          'This API needs a bearer token: send the header Authorization: Bearer <access token>.',
          REALM,
        );
      const token = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(header)?.[1];
      if (token === undefined)
        throw unauthenticated(
          'The Authorization header must be "Bearer <access token>".',
          invalidTokenChallenge('malformed Authorization header'),
        );
      try {
        callers.set(request, await mode.verify(token));
      } catch (error) {
        if (error instanceof KeysUnavailable) {
          onKeysUnavailable(error);
          throw createGraphQLError('Tokens cannot be verified right now; try again shortly.', {
            extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
          });
        }
        const reason = error instanceof Error ? error.message : String(error);
        throw unauthenticated(`Invalid bearer token: ${reason}.`, invalidTokenChallenge(reason));
      }
    },
    onValidate({ context, addValidationRule }) {
      const request = (context as { request?: Request }).request;
      const caller = request ? callerOf(request) : null;
      if (production && caller?.kind !== 'token')
        addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
  return { plugin, callerOf };
}
