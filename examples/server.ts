// The README's main command, `npm start`: the example API on PORT (default 3000), no external
// service. It prints the tour (every scenario with its curl command) once it listens.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from './app';
import { ExampleConfigError, readExampleConfig, type ExampleConfig } from './config';
import { tourSettings } from './features/tour';
import { tourText } from './tour/render';
import { SCENARIOS } from './tour/scenarios';

function configOrExit(): ExampleConfig {
  try {
    return readExampleConfig(process.env);
  } catch (error) {
    if (!(error instanceof ExampleConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const logger = pino({ name: 'example-api' });
const config = configOrExit();
// The app is built once the port is known (PORT=0 picks a free one), so that the tour shows it.
const server = createServer();

server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  process.stderr.write(`Port ${config.port} is in use: start with another, e.g. PORT=3001 npm start (PORT=0: any free port).\n`);
  process.exit(1);
});

server.listen(config.port, () => {
  const { port } = server.address() as AddressInfo;
  const options = { ...config.app, logger, baseUrl: `localhost:${port}` };
  server.on('request', createApp(options));
  process.stdout.write(tourText(SCENARIOS, tourSettings(options)));
  logger.info({ port }, `example API listening on http://localhost:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
