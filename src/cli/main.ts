#!/usr/bin/env node
// The twilio-source command line: a thin face over the application API; errors end as one clear line.
import { Command, CommanderError } from 'commander';
import { checkCommand } from './check-command.js';
import { demoCommand } from './demo-command.js';
import { emulatorCommand } from './emulator-command.js';
import { flushCommand } from './flush-command.js';
import { runsCommand } from './runs-command.js';
import { serveCommand } from './serve-command.js';
import { sourcesCommand } from './sources-command.js';
import { syncCommand } from './sync-command.js';

const program = new Command('twilio-source')
  .description('Keeps an up-to-date copy of your Twilio objects in DuckDB or PostgreSQL')
  .exitOverride()
  .showHelpAfterError(false)
  .addCommand(syncCommand())
  .addCommand(checkCommand())
  .addCommand(flushCommand())
  .addCommand(demoCommand())
  .addCommand(emulatorCommand())
  .addCommand(serveCommand())
  .addCommand(sourcesCommand())
  .addCommand(runsCommand());
for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`twilio-source: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof Error && error.name === 'UsageError' ? 2 : 1;
  }
}
