/**
 * The baseline bench:api compares every route with: Fastify answering a fixed
 * JSON object, in its own Node process like the real server, so the ratio
 * shows what Lepa's own work costs on this (shared, noisy) machine.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`Hello world is running at ${address}`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
