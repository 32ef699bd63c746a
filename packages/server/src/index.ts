export { buildApp, type AppOptions, type NetworkOptions, type TrustProxy } from './app.js';
export { openDatabase, type Store, type Dialect } from './db/database.js';
export { migrate, type MigrateOptions } from './db/migrate.js';
export { ApiError, errors } from './errors.js';
export { loggerOptions } from './logger.js';
export { optionsFromEnv, SettingError } from './settings.js';
export { createSite, findSiteByKey, findSiteByName, type Site, type SiteSettings } from './services/sites.js';
export { createUser, createApiToken, findUserByEmail, ROLES, type Role, type User } from './services/users.js';
