// Entry of a programme thread. Worker threads do not inherit the TypeScript loader
// the server runs under, so it is registered here before the tasks are loaded.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./programme-tasks.ts');
export default tasks.default;
export const marketDepths = tasks.marketDepths;
