// `twilio-source check`: are the credentials good, and which collections can they read?
import { Command } from 'commander';
import { accountSidSchema } from '../sync/sync-settings.js';
import { checkAccess } from '../sync/check-access.js';
import { TwilioClient } from '../twilio/twilio-client.js';
import { addCredentialFlags, flagOf } from './sync-flags.js';
import { parseFlags } from './usage-error.js';
import { z } from 'zod';

const checkSchema = z.object({
  accountSid: accountSidSchema,
  authToken: z.string().min(1).optional(),
  apiKey: z.string().min(1).optional(),
  apiSecret: z.string().min(1).optional(),
  apiBaseUrl: z.url().optional(),
});

export function checkCommand(): Command {
  return addCredentialFlags(new Command('check').description('validate the credentials and list the collections they can read'))
    .option('--json', 'print the result as JSON', false)
    .action(async (flags: Record<string, unknown>) => {
      const input = parseFlags(checkSchema, { ...flags, accountSid: flags['accountSid'] ?? '' }, flagOf);
      const credentials =
        input.apiKey !== undefined && input.apiSecret !== undefined
          ? { accountSid: input.accountSid, apiKey: input.apiKey, apiSecret: input.apiSecret }
          : { accountSid: input.accountSid, authToken: input.authToken ?? '' };
      const client = new TwilioClient({ credentials, ...(input.apiBaseUrl !== undefined ? { baseUrl: input.apiBaseUrl } : {}) });
      const report = await checkAccess(client, input.accountSid);
      if (flags['json'] === true) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        const about = report.account.friendlyName === null ? 'API key' : `${report.account.friendlyName}, ${report.account.status ?? ''}`;
        const lines = [`Credentials accepted for ${report.account.sid} (${about})`];
        for (const c of report.collections) lines.push(`  ${c.name.padEnd(15)} ${c.readable ? 'readable' : `not readable: ${c.error ?? ''}`}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (report.collections.some((c) => !c.readable)) process.exitCode = 1;
    });
}
