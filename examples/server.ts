// The README's main command, `npm start`: the example API on PORT (default 3000), no external service.
import pino from 'pino';
import { createApp } from './app';

const logger = pino({ name: 'example-api' });
const port = Number(process.env.PORT ?? 3000);
const app = createApp({ logger, redisUrl: process.env.REDIS_URL });

const server = app.listen(port, () => {
  logger.info(`example API listening on http://localhost:${port} (try: curl -i localhost:${port}/users)`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
