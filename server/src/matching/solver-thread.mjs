// Entry of a solver thread. Worker threads do not inherit the TypeScript loader
// the server runs under, so it is registered here before the task is loaded.
import { register } from 'tsx/esm/api';

register();
const { default: solveBatch } = await import('./solve-task.ts');
export default solveBatch;
