#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { packageRoot } from '../package-root.js';
import { contractCommand } from './contract-command.js';
import { driftCommand } from './drift-command.js';
import { mockCommand } from './mock-command.js';

const program = new Command()
  .name('attrmock')
  .description('Stateful mock server and contract harness for Snag Solutions, Lightdash and Looker user-attribute APIs')
  .version((JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version, '-V, --version');
program.addCommand(mockCommand(), { isDefault: true });
program.addCommand(contractCommand());
program.addCommand(driftCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`attrmock: ${(error as Error).message}\n`);
  process.exit(1);
});
