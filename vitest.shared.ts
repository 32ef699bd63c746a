export { alias } from './workspace-aliases.mjs';
