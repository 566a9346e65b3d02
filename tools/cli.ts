import { runCommand } from './commands.js';

// Entry of the project's commands: `tsx tools/cli.ts <command> [args]`, e.g. `schema:build --check`.
const [name, ...args] = process.argv.slice(2);
process.exitCode = await runCommand(name, args);
