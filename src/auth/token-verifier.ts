import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  type JWTVerifyOptions,
  jwtVerify,
} from 'jose';
import { LRUCache } from 'lru-cache';
import type { Env } from '../env.js';
import { type Caller, rolesFromClaims } from './caller.js';

/** A token the caller must replace: the message says why (answered with HTTP 401). */
export class TokenRejected extends Error {
  override name = 'TokenRejected';
}

/** The keys could not be fetched from the issuer: not the caller's fault (answered with HTTP 503). */
export class KeysUnavailable extends Error {
  override name = 'KeysUnavailable';
}

export type TokenVerifier = (token: string) => Promise<Caller>;

type VerifySettings = Pick<
  Env,
  | 'AUTH_AUDIENCE'
  | 'AUTH_JWKS_URL'
  | 'AUTH_PUBLIC_KEY'
  | 'AUTH_ALGORITHMS'
  | 'AUTH_ROLES_CLAIM'
  | 'AUTH_CLOCK_TOLERANCE_SECONDS'
> & { AUTH_ISSUER: string };

/** AUTH_PUBLIC_KEY: PEM text (`\n` escapes allowed, as env files often hold one line) or a file. */
function publicKey(value: string): KeyObject {
  let pem = value.replaceAll('\\n', '\n').trim();
  if (!pem.startsWith('-----BEGIN')) {
    try {
      pem = readFileSync(value, 'utf8');
    } catch (error) {
      throw new Error(
        `AUTH_PUBLIC_KEY is neither PEM text nor a readable file: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (/PRIVATE KEY/.test(pem))
    throw new Error('AUTH_PUBLIC_KEY holds a private key: give the service the public key only.');
  try {
    return createPublicKey(pem);
  } catch (error) {
    throw new Error(
      `AUTH_PUBLIC_KEY is not a PEM public key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Why a token was refused, in terms the caller can act on. */
function rejection(error: unknown): Error {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return new KeysUnavailable(`The issuer's keys could not be read: ${error.message}`);
  if (error instanceof errors.JWTExpired) return new TokenRejected('the token has expired');
  if (error instanceof errors.JOSEError) return new TokenRejected(error.message);
  // fetch() failing (the issuer unreachable) is not a JOSE error.
  return new KeysUnavailable(
    `The issuer's keys could not be read: ${error instanceof Error ? error.message : String(error)}`,
  );
}

// A client sends the same token with every request until it expires; checking its signature again
// each time cost a third of the throughput of a small query. Verified tokens are remembered until
// they expire, at most five minutes; refused ones never are.
const REMEMBER_AT_MOST_MS = 5 * 60 * 1000;

function remembering(
  verify: (token: string) => Promise<{ caller: Caller; payload: JWTPayload }>,
  toleranceSeconds: number,
): TokenVerifier {
  const verified = new LRUCache<string, Caller>({ max: 1000 });
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    const { caller, payload } = await verify(token);
    const ttl = Math.min(
      ((payload.exp ?? 0) + toleranceSeconds) * 1000 - Date.now(),
      REMEMBER_AT_MOST_MS,
    );
    if (ttl > 0) verified.set(token, caller, { ttl });
    return caller;
  };
}

/**
 * Verifies bearer JWTs with `jose`: signature (the issuer's key set, fetched and cached by
 * `createRemoteJWKSet`, or one PEM public key), issuer, audience, expiry and algorithm. Fails
 * at start-up on a key it cannot use, naming the setting.
 */
export function createTokenVerifier(settings: VerifySettings): TokenVerifier {
  const options: JWTVerifyOptions = {
    issuer: settings.AUTH_ISSUER,
    audience: settings.AUTH_AUDIENCE ?? [],
    algorithms: settings.AUTH_ALGORITHMS,
    clockTolerance: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
    // An access token that never expires is not accepted.
    requiredClaims: ['exp'],
  };
  const verified = (payload: JWTPayload) => ({
    payload,
    caller: {
      kind: 'token' as const,
      subject: typeof payload.sub === 'string' ? payload.sub : null,
      roles: rolesFromClaims(payload, settings.AUTH_ROLES_CLAIM),
    },
  });
  const tolerance = settings.AUTH_CLOCK_TOLERANCE_SECONDS;
  if (settings.AUTH_JWKS_URL !== undefined) {
    const keySet = createRemoteJWKSet(new URL(settings.AUTH_JWKS_URL));
    return remembering(async (token) => {
      try {
        return verified((await jwtVerify(token, keySet, options)).payload);
      } catch (error) {
        throw rejection(error);
      }
    }, tolerance);
  }
  if (settings.AUTH_PUBLIC_KEY === undefined)
    throw new Error('AUTH_ISSUER needs AUTH_JWKS_URL or AUTH_PUBLIC_KEY.');
  const key = publicKey(settings.AUTH_PUBLIC_KEY);
  return remembering(async (token) => {
    try {
      return verified((await jwtVerify(token, key, options)).payload);
    } catch (error) {
      throw rejection(error);
    }
  }, tolerance);
}
