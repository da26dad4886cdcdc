// `twilio-source serve`: the HTTP API, the web UI and the scheduler in one process, until SIGINT or SIGTERM.
import { once } from 'node:events';
import { Command } from 'commander';
import { z } from 'zod';
import { dataHome } from '../home.js';
import { createLogger } from '../log.js';
import { resolveAdminToken } from '../server/admin-token.js';
import { removeServerFile, writeServerFile } from '../server/server-file.js';
import { startServer } from '../server/start-server.js';
import { openSourceService } from '../service/open-source-service.js';
import { parseFlags } from './usage-error.js';

const serveFlags = z.object({
  host: z.string().min(1, 'must be an address such as 127.0.0.1'),
  port: z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535'),
});

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the HTTP API, the web UI and the scheduler (stop with Ctrl-C)')
    .option('--host <address>', 'address to listen on (0.0.0.0 opens it to the network)', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .action(async (flags: Record<string, unknown>) => {
      const { host, port } = parseFlags(serveFlags, flags, { host: '--host', port: '--port' });
      const home = dataHome();
      const logger = createLogger();
      const { token, generated } = await resolveAdminToken(home);
      const opened = await openSourceService({ home, logger, schedule: true });
      let server;
      try {
        server = await startServer({ service: opened.service, adminToken: token, logger, host, port });
      } catch (error) {
        await opened.close();
        throw error;
      }
      // Clients on this machine reach a wildcard listener through loopback.
      const url = server.url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
      await writeServerFile(home, { url, pid: process.pid });
      process.stdout.write(`twilio-source serving the API and web UI at ${url} (data in ${home})\n`);
      if (generated) process.stdout.write(`Admin token (shown once; also in ${home}/admin-token): ${token}\n`);
      const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      process.stdout.write(`Stopping (${String(signal[0] ?? 'signal')}): letting running syncs finish…\n`);
      try {
        await server.close();
        await opened.close();
      } finally {
        await removeServerFile(home);
      }
    });
}
