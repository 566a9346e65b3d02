// `prisma dev` imports this module only when it starts its local streams server. The project runs
// PGlite or PostgreSQL instead, so the one entry point refuses with the reason.
export async function startLocalDurableStreamsServer() {
  throw new Error(
    'prisma dev is not supported in this project: its streams runtime is replaced by ' +
      'tools/npm-overrides/prisma-streams-local (package.json "overrides"). ' +
      'Run the service on PGlite (npm run dev) or on PostgreSQL (DATABASE_URL) instead.',
  );
}
