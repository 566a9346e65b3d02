/** The roles the schema asks for. `admin` may do all an `editor` may. */
export const ROLES = ['editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The token roles that satisfy each required role. */
export const ROLE_SATISFIED_BY: Readonly<Record<Role, readonly Role[]>> = {
  editor: ['editor', 'admin'],
  admin: ['admin'],
};

/**
 * Who sends a request. `token`: identity verified from a bearer token, with the roles it grants.
 * `open`: the service checks no identity (newcomer mode outside production, or AUTH_DISABLED=true
 * where a gateway authenticates), so every role is granted. A request with no caller is anonymous.
 */
export type Caller =
  | { kind: 'token'; subject: string | null; roles: ReadonlySet<string> }
  | { kind: 'open' };

export const OPEN_CALLER: Caller = { kind: 'open' };

export function hasRole(caller: Caller | null, role: Role): boolean {
  if (caller === null) return false;
  if (caller.kind === 'open') return true;
  return ROLE_SATISFIED_BY[role].some((granted) => caller.roles.has(granted));
}

/**
 * The roles a token grants, at a claim name or a dotted path (`realm_access.roles` for Keycloak):
 * a list of strings, or one space-separated string as in `scope`.
 */
export function rolesFromClaims(payload: Record<string, unknown>, claimPath: string): Set<string> {
  let value: unknown = payload;
  for (const segment of claimPath.split('.')) {
    value =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)[segment]
        : undefined;
  }
  if (typeof value === 'string') return new Set(value.split(/\s+/).filter(Boolean));
  if (Array.isArray(value))
    return new Set(value.filter((role): role is string => typeof role === 'string'));
  return new Set();
}
