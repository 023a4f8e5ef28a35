#!/usr/bin/env node
// The `hedge-router` command: registers tsx (the sources are TypeScript, run as they are) and
// hands over to src/cli/hedge-router.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/hedge-router.ts');
