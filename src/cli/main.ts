#!/usr/bin/env node
import { Command } from 'commander';
import { contractCommand } from './contract-command.js';
import { driftCommand } from './drift-command.js';
import { mockCommand } from './mock-command.js';

const program = new Command()
  .name('attrmock')
  .description('Stateful mock server and contract harness for Snag Solutions, Lightdash and Looker user-attribute APIs');
program.addCommand(mockCommand(), { isDefault: true });
program.addCommand(contractCommand());
program.addCommand(driftCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`attrmock: ${(error as Error).message}\n`);
  process.exit(1);
});
