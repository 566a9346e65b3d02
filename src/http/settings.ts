import { z } from 'zod';

// The settings of the HTTP edge: identity, request limits, cross-site requests and operations.
// env.ts spreads this shape into the service's environment schema and runs `checkEdgeSettings`.

/** Asymmetric JWS algorithms only: a shared secret (HS*) would let every verifier mint tokens. */
export const TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

const flag = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true');

const positiveInt = z.coerce.number().int().positive();

export const edgeSettingsShape = {
  // Identity: bearer JWTs (OIDC access tokens) of this issuer, for this audience.
  AUTH_ISSUER: z.url({ error: 'must be the issuer URL, the `iss` claim of the tokens' }).optional(),
  AUTH_AUDIENCE: commaList
    .refine((entries) => entries.length > 0, 'must name at least one audience')
    .optional(),
  AUTH_JWKS_URL: z.url({ error: 'must be the URL of the issuer’s JSON Web Key Set' }).optional(),
  // PEM text of the public key, or the path of a file holding it.
  AUTH_PUBLIC_KEY: z.string().optional(),
  AUTH_ALGORITHMS: commaList
    .pipe(
      z
        .array(
          z.enum(TOKEN_ALGORITHMS, {
            error: `must list algorithms among ${TOKEN_ALGORITHMS.join(', ')}`,
          }),
        )
        .min(1, 'must name at least one algorithm'),
    )
    .default([...TOKEN_ALGORITHMS]),
  // Where the roles are in the token: a claim name or a dotted path (Keycloak: realm_access.roles).
  AUTH_ROLES_CLAIM: z
    .string()
    .regex(
      /^[^.\s]+(\.[^.\s]+)*$/,
      'must be a claim name or a dotted path, e.g. realm_access.roles',
    )
    .default('roles'),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  // Production without an issuer: only when something in front of the service authenticates.
  AUTH_DISABLED: flag.default(false),

  // Request limits; each refusal names the setting.
  HTTP_MAX_BODY_BYTES: positiveInt.default(1_048_576),
  GRAPHQL_MAX_TOKENS: positiveInt.default(2000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  GRAPHQL_MAX_DEPTH: positiveInt.default(10),
  GRAPHQL_MAX_COST: positiveInt.default(10_000),
  REQUEST_TIMEOUT_MS: positiveInt.default(30_000),

  // Origins (https://portal.example.com) whose pages may call the API; `*` any, never with cookies.
  CORS_ORIGINS: commaList
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(\*|https?:\/\/[^/\s,]+)$/,
            'must list origins such as https://portal.example.com (scheme and host, no path), or *',
          ),
      ),
    )
    .default([]),

  // Operations.
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  READINESS_TIMEOUT_MS: positiveInt.default(2000),
};

const edgeSettings = z.object(edgeSettingsShape);
type EdgeSettings = z.output<typeof edgeSettings> & { NODE_ENV: string };

/**
 * Settings that only make sense together. Production serves no one unverified unless the
 * operator says, with AUTH_DISABLED=true, that something in front of the service authenticates.
 */
export function checkEdgeSettings(env: EdgeSettings, ctx: z.RefinementCtx): void {
  const issue = (variable: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [variable], message });
  if (env.AUTH_ISSUER !== undefined) {
    if (env.AUTH_DISABLED)
      issue('AUTH_DISABLED', 'must not be true while AUTH_ISSUER is set: choose one');
    if (env.AUTH_AUDIENCE === undefined)
      issue('AUTH_AUDIENCE', 'is required with AUTH_ISSUER: the `aud` the tokens must carry');
    if ((env.AUTH_JWKS_URL === undefined) === (env.AUTH_PUBLIC_KEY === undefined))
      issue(
        'AUTH_JWKS_URL',
        'set exactly one of AUTH_JWKS_URL (the issuer’s key set) or AUTH_PUBLIC_KEY (a PEM public key) with AUTH_ISSUER',
      );
  } else {
    for (const variable of ['AUTH_AUDIENCE', 'AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY'] as const)
      if (env[variable] !== undefined) issue(variable, 'has no effect without AUTH_ISSUER');
    if (env.NODE_ENV === 'production' && !env.AUTH_DISABLED)
      issue(
        'AUTH_ISSUER',
        'is required in production (with AUTH_AUDIENCE and AUTH_JWKS_URL or AUTH_PUBLIC_KEY); set AUTH_DISABLED=true only if a gateway in front of the service authenticates every caller',
      );
  }
  if (env.CORS_ORIGINS.includes('*') && env.CORS_ORIGINS.length > 1)
    issue('CORS_ORIGINS', 'is either * or a list of origins, not both');
}
