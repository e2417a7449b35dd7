#!/usr/bin/env node
// The `counterpart-analytics` command. The package is TypeScript run as-is: tsx is registered
// first, then the command itself (src/cli.ts) is loaded.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
