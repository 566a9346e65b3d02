import { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { type Caller, hasRole, ROLE_SATISFIED_BY, ROLES, type Role } from '../auth/caller.js';

/** The scopes fields ask for: any authenticated caller, or a role (admin satisfies editor). */
export interface AuthScopes {
  authenticated: boolean;
  role: Role;
}

export function authScopesOf(caller: Caller | null) {
  return {
    authenticated: caller !== null,
    role: (role: Role) => hasRole(caller, role),
  };
}

// The first role scope that failed, wherever it sits in `$any`/`$all` combinations.
function missingRole(failure: AuthFailure): Role | null {
  if (failure.kind === AuthScopeFailureType.AuthScope && failure.scope === 'role')
    return ROLES.find((role) => role === failure.parameter) ?? null;
  if (
    failure.kind === AuthScopeFailureType.AnyAuthScopes ||
    failure.kind === AuthScopeFailureType.AllAuthScopes
  ) {
    for (const child of failure.failures) {
      const role = missingRole(child);
      if (role) return role;
    }
  }
  return null;
}

function granted(caller: Caller | null): string {
  if (caller?.kind !== 'token' || caller.roles.size === 0) return 'no roles';
  return `the roles ${[...caller.roles].join(', ')}`;
}

/**
 * A refused field: UNAUTHENTICATED (HTTP 401) without a caller, else FORBIDDEN naming the role the
 * field needs and what the caller's token grants.
 */
export function refusal(caller: Caller | null, info: GraphQLResolveInfo, failure: AuthFailure) {
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (caller === null)
    return new GraphQLError(`${field} needs an authenticated caller.`, {
      extensions: {
        code: 'UNAUTHENTICATED',
        http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
      },
    });
  const role = missingRole(failure);
  if (role === null)
    return new GraphQLError(`${field} is not allowed for this caller.`, {
      extensions: { code: 'FORBIDDEN' },
    });
  const accepted = ROLE_SATISFIED_BY[role];
  return new GraphQLError(
    `Forbidden: ${field} needs the role "${role}"${accepted.length > 1 ? ` (or ${accepted.filter((r) => r !== role).join(', ')})` : ''}; the token grants ${granted(caller)}.`,
    { extensions: { code: 'FORBIDDEN', requiredRole: role } },
  );
}
