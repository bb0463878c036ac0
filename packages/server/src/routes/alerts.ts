// Alert rules (read, replaced as a set) and the alerts firing now with their history. A process that takes no
// requests evaluates no alerts: 404 there.
import { API } from '@weft/core/contract';
import { noteAudit } from '../audit/audit-trail.js';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

export function alertRoutes(services: Services) {
  const router = securedRouter(services.store);
  const route = routesOn(router, services.config.bodyLimit);
  const engine = () => {
    if (!services.alerts) throw new HttpProblem(404, 'not_found', 'This process evaluates no alerts.');
    return services.alerts;
  };
  route(API.alertRules).handle(async () => ({ items: await engine().ruleSet() }));
  route(API.updateAlertRules).handle(async ({ body }, ctx) => {
    const ids = new Set<string>();
    for (const [i, rule] of body.items.entries()) {
      if (ids.has(rule.id))
        throw new HttpProblem(400, 'invalid_body', `Two rules are named "${rule.id}".`, {
          pointer: `/items/${i}/id`,
        });
      ids.add(rule.id);
    }
    const before = await engine().ruleSet();
    await engine().setRules(body.items);
    const after = await engine().ruleSet();
    noteAudit(ctx, {
      target: { type: 'settings', id: 'alert_rules', name: 'Alert rules' },
      changes: { from: before, to: after },
    });
    return { items: await engine().ruleSet() };
  });
  route(API.alertHistory).handle(async ({ query }) => ({
    firing: await engine().firing(),
    items: await engine().recent(query.limit ?? 100),
  }));
  return router;
}
