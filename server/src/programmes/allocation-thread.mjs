// Entry of a programme allocation thread. Worker threads do not inherit the TypeScript loader
// the server runs under, so it is registered here before the task is loaded.
import { register } from 'tsx/esm/api';

register();
const { default: allocate } = await import('./allocation-task.ts');
export default allocate;
