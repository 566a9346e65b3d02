/** What the Prisma CLI asked the engine binary to do, read from its command line. */
export type EngineInvocation =
  | { kind: 'version' }
  /** `schema-engine --datasource <json> cli <command>`: one-shot commands run before a migrate command. */
  | { kind: 'cli'; command: string; datasource: Datasource }
  /** The JSON-RPC server over stdin/stdout that `migrate status`, `deploy`, `resolve` talk to. */
  | { kind: 'rpc'; datasource: Datasource | undefined; datamodels: string[] };

/** prisma.config.ts's `datasource` as the CLI serializes it (a `shadowDatabaseUrl` is ignored). */
export interface Datasource {
  url: string;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

function parseDatasource(json: string): Datasource {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new UsageError(`--datasource is not JSON: ${json.slice(0, 80)}`);
  }
  // Checked by hand: this runs on every engine start, and loading zod costs a noticeable part of it.
  const url: unknown =
    typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'url') : undefined;
  if (typeof url !== 'string' || url === '') {
    throw new UsageError(
      '--datasource has no url; set datasource.url in prisma.config.ts (this project reads DATABASE_URL)',
    );
  }
  return { url };
}

/** Reads the flags Prisma 7.10's CLI passes (see `SchemaEngineCLI` in prisma/build/cli.js). */
export function parseEngineArgs(argv: readonly string[]): EngineInvocation {
  const datamodels: string[] = [];
  let datasource: Datasource | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--version':
      case '-V':
        return { kind: 'version' };
      case '--datamodels':
        datamodels.push(value());
        break;
      case '--datasource':
        datasource = parseDatasource(value());
        break;
      // Preview features and extension types change nothing for the migration history commands.
      case '--enabled-preview-features':
      case '--extension-types':
        value();
        break;
      case 'cli': {
        const command = argv[i + 1];
        if (command === undefined)
          throw new UsageError('cli needs a command, e.g. `cli can-connect-to-database`');
        if (datasource === undefined)
          throw new UsageError(`cli ${command} needs --datasource before it`);
        return { kind: 'cli', command, datasource };
      }
      default:
        throw new UsageError(
          `unknown argument ${JSON.stringify(arg)}; this engine understands --datamodels, --datasource, --version and cli <command>`,
        );
    }
  }
  return { kind: 'rpc', datasource, datamodels };
}
