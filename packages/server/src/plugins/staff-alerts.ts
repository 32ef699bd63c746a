import fp from 'fastify-plugin';
import { queueBreachAlerts } from '../services/staff-alerts.js';

/** Options of the staff-alerts plugin. */
export interface StaffAlertsOptions {
  /** How often submissions about to breach a target are looked for, in ms. @default 60000 */
  breachCheckMs?: number | undefined;
}

/** Looks for submissions about to breach their targets on a timer, and alerts staff once for each. */
export default fp<StaffAlertsOptions>(
  async (app, options) => {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<unknown> | undefined;
    const sweep = () => {
      running ??= app
        .transaction((unit) => queueBreachAlerts(unit))
        .catch((error: unknown) => app.log.warn({ err: error }, 'breach alert sweep failed; trying again on the next tick'))
        .finally(() => (running = undefined));
    };
    app.addHook('onReady', async () => {
      timer = setInterval(sweep, options.breachCheckMs ?? 60_000);
      timer.unref();
    });
    app.addHook('preClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'sori-staff-alerts', dependencies: ['sori-transaction'] },
);
