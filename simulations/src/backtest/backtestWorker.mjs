// Worker entry: registers tsx so the worker can load the TypeScript sources, whether or not the
// parent process runs under tsx (workers do not inherit a loader registered through the API).
import { register } from 'tsx/esm/api';

register();
await import('./backtestWorker.ts');
