// Child process entry: `node --import tsx bench/http/server.ts <implementation>`. Reports its port
// over IPC, answers 'cpu' with its CPU time so far, exits cleanly on 'stop' (so `--cpu-prof` gets to write its profile).
import type { AddressInfo } from 'node:net';
import { IMPLEMENTATIONS, listen, type Implementation } from './apps';

const name = process.argv[2] as Implementation;
if (!(name in IMPLEMENTATIONS)) {
  console.error(`unknown implementation ${String(name)}; one of ${Object.keys(IMPLEMENTATIONS).join(', ')}`);
  process.exit(2);
}

void listen(name).then((server) => {
  process.send?.({ port: (server.address() as AddressInfo).port });
  process.on('message', (message) => {
    // CPU time per request holds up better than requests/s when other processes share the cores.
    if (message === 'cpu') return void process.send?.({ cpu: process.cpuUsage() });
    if (message !== 'stop') return;
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
});
