#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { ApiError } from './errors.js';
import { SiteUpdateInput } from '@sori/protocol';
import { listApiTokens, revokeApiToken } from './services/api-tokens.js';
import { createSite } from './services/sites.js';
import { findAdminSite, listAdminSites, updateAdminSite } from './services/site-settings.js';
import { findStaff, listStaff, resetPassword, updateStaff } from './services/staff.js';
import { createApiToken, createUser } from './services/users.js';
import { validator } from './validation.js';

const USAGE = `Usage: pnpm sori <command> [options]     (uses DATABASE_URL, default sqlite:./data/sori.db)

  migrate                                       bring the database schema up to date
  site create --name N --origin URL [--origin URL…]
                                                create a site; prints its public key (pk_…)
  site list                                     every site: id, name, key, origins
  site show --site ID|KEY                       one site with all its settings, as JSON
  site update --site ID|KEY [--name N] [--add-origin URL…] [--remove-origin URL…]
              [--confirm-no-origins] [--settings JSON]
                                                change a site; each setting in JSON replaces that
                                                setting (null: its default), e.g.
                                                --settings '{"routing":{"byKind":{"complaint":"customer_service"}}}'
  user create --email E --role admin|agent [--password P] [--name N] [--department D] [--site ID…]
                                                create a user; without --password, prints a setup
                                                token; an agent without --site belongs to every site
  user list                                     every user: role, department, sites, disabled
  user disable --user E | user enable --user E  a disabled user's sessions and tokens stop at once
  user password --user E [--password P]         reset a password (without P: prints a setup token)
  token create --user E [--name N]              create an API token; printed once, stored hashed
  token list [--user E]                         tokens: id, name, owner, created, last used, expiry
  token revoke --id ID                          the token stops working at once
`;

const checkSiteUpdate = validator(SiteUpdateInput);

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) fail(`--${name} is required`);
  return value;
}

/** The one `--site` a site command acts on. */
function oneSite(values: { site?: string[] | undefined }): string {
  const [site, ...more] = values.site ?? [];
  if (!site) fail('--site is required (an id or public key; see pnpm sori site list)');
  if (more.length > 0) fail('--site: give one site');
  return site;
}

const OPTIONS: Record<string, string> = {
  addOrigins: '--add-origin',
  removeOrigins: '--remove-origin',
  confirmNoOrigins: '--confirm-no-origins',
  siteIds: '--site',
  origin: '--origin',
  settings: '--settings',
};

/** A refused field as the command line names it: its option (`--add-origin`), or the setting's path under `--settings`. */
function optionOf(field: string): string {
  const [head = field, ...rest] = field.split('.');
  const option = OPTIONS[head] ?? `--${head}`;
  return rest.length > 0 ? `${option} ${rest.join('.')}` : option;
}

function parseJson(text: string, option: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    fail(`${option} must be JSON, e.g. '{"locale":"ko"}'`);
  }
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
      site: { type: 'string', multiple: true },
      department: { type: 'string' },
      'add-origin': { type: 'string', multiple: true },
      'remove-origin': { type: 'string', multiple: true },
      'confirm-no-origins': { type: 'boolean' },
      settings: { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return;
  }
  const known = [
    'migrate',
    'site create',
    'site list',
    'site show',
    'site update',
    'user create',
    'user list',
    'user disable',
    'user enable',
    'user password',
    'token create',
    'token list',
    'token revoke',
  ];
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
      case 'site list':
        for (const site of await listAdminSites(store.db)) process.stdout.write(`${site.id}\t${site.name}\t${site.key}\t${site.origins.join(' ')}\n`);
        break;
      case 'site show':
        process.stdout.write(`${JSON.stringify(await findAdminSite(store.db, oneSite(values)), null, 2)}\n`);
        break;
      case 'site update': {
        const input = {
          ...(values.name ? { name: values.name } : {}),
          ...(values['add-origin'] ? { addOrigins: values['add-origin'] } : {}),
          ...(values['remove-origin'] ? { removeOrigins: values['remove-origin'] } : {}),
          ...(values['confirm-no-origins'] ? { confirmNoOrigins: true } : {}),
          ...(values.settings ? { settings: parseJson(values.settings, '--settings') } : {}),
        };
        const checked = checkSiteUpdate(input);
        if (!checked.ok) fail(`${checked.error.field ? `${optionOf(checked.error.field)}: ` : ''}${checked.error.message}`);
        const site = await updateAdminSite(store.db, oneSite(values), checked.value, 'cli');
        process.stdout.write(`site "${site.name}" updated; origins: ${site.origins.join(', ') || '(none)'}\n`);
        break;
      }
      case 'user create': {
        const role = required(values, 'role');
        const siteIds = values.site ?? (role === 'agent' ? (await listAdminSites(store.db)).map((site) => site.id) : []);
        const user = await createUser(store.db, {
          email: required(values, 'email'),
          role,
          ...(values.password ? { password: values.password } : {}),
          ...(values.name ? { name: values.name } : {}),
          ...(values.department ? { department: values.department } : {}),
          siteIds,
        });
        process.stdout.write(`user ${user.email} created (${user.role}); sites: ${siteIds.join(', ') || '(none)'}\n`);
        if (!values.password) {
          const { setupToken } = await resetPassword(store.db, user.id, undefined, 'cli');
          process.stdout.write(`setup token (shown once; POST /v1/desk/session/setup with it and a password):\n${setupToken}\n`);
        }
        break;
      }
      case 'user list':
        for (const user of await listStaff(store.db)) {
          process.stdout.write(`${user.email}\t${user.role}\t${user.department ?? '-'}\t${user.siteIds.join(',') || '-'}\t${user.disabled ? 'disabled' : 'active'}\n`);
        }
        break;
      case 'user disable':
      case 'user enable': {
        const user = await findStaff(store.db, required(values, 'user'));
        await updateStaff(store.db, user.id, { disabled: command === 'user disable' }, 'cli');
        process.stdout.write(`user ${user.email} ${command === 'user disable' ? 'disabled: their sessions and tokens stop now' : 'enabled'}\n`);
        break;
      }
      case 'user password': {
        const user = await findStaff(store.db, required(values, 'user'));
        const { setupToken } = await resetPassword(store.db, user.id, values.password, 'cli');
        process.stdout.write(setupToken ? `setup token for ${user.email} (shown once):\n${setupToken}\n` : `password of ${user.email} set; their sessions ended\n`);
        break;
      }
      case 'token list': {
        const owner = values.user ? await findStaff(store.db, values.user) : undefined;
        for (const token of await listApiTokens(store.db, owner?.id)) {
          process.stdout.write(`${token.id}\t${token.name}\t${token.userEmail}\tcreated ${token.createdAt}\tlast used ${token.lastUsedAt ?? 'never'}\texpires ${token.expiresAt ?? 'never'}\n`);
        }
        break;
      }
      case 'token revoke':
        await revokeApiToken(store.db, required(values, 'id'), 'cli');
        process.stdout.write('token revoked: it stops working now\n');
        break;
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
  if (error instanceof ApiError) fail(error.field ? `${optionOf(error.field)}: ${error.message}` : error.message);
  if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') fail(error.message);
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
