#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { ApiError } from './errors.js';
import { createSite } from './services/sites.js';
import { createApiToken, createUser } from './services/users.js';

const USAGE = `Usage: pnpm sori <command> [options]     (uses DATABASE_URL, default sqlite:./data/sori.db)

  migrate                                       bring the database schema up to date
  site create --name N --origin URL [--origin URL…]
                                                create a site; prints its public key (pk_…)
  user create --email E --role admin|agent --password P [--name N]
                                                create a user (staff) with a role
  token create --user E [--name N]              create an API token; printed once, stored hashed
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) fail(`--${name} is required`);
  return value;
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      email: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      user: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return;
  }
  const known = ['migrate', 'site create', 'user create', 'token create'];
  if (!known.includes(command)) fail(`Unknown command "${command}"`);

  const store = openDatabase(process.env['DATABASE_URL'] ?? 'sqlite:./data/sori.db');
  try {
    const applied = await migrate(store);
    switch (command) {
      case 'migrate':
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
        break;
      case 'site create': {
        const site = await createSite(store.db, { name: required(values, 'name'), origins: values.origin ?? fail('--origin is required') });
        process.stdout.write(`site "${site.name}" created for ${site.origins.join(', ')}\nsite key: ${site.key}\n`);
        break;
      }
      case 'user create': {
        const user = await createUser(store.db, {
          email: required(values, 'email'),
          role: required(values, 'role'),
          password: required(values, 'password'),
          ...(values.name ? { name: values.name } : {}),
        });
        process.stdout.write(`user ${user.email} created (${user.role})\n`);
        break;
      }
      case 'token create': {
        const { token, user } = await createApiToken(store.db, { userEmail: required(values, 'user'), ...(values.name ? { name: values.name } : {}) });
        process.stdout.write(`API token for ${user.email} (shown once, stored hashed):\n${token}\n`);
        break;
      }
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ApiError) fail(error.message);
  if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') fail(error.message);
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
