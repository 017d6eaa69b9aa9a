#!/usr/bin/env node
// The package's command line. TypeScript sources run through tsx's loader, so there is no build step
// between a clean clone and a running service.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
