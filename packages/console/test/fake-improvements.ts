import type { Improvement, ImprovementList, ImprovementPatch, NewImprovement } from '@sori/protocol';
import { IMPROVEMENT_TRANSITIONS } from '@sori/protocol/constants';
import { HttpResponse } from 'msw';
import type { FakeDesk } from './fake-desk.js';
import { server } from './setup.js';

const error = (status: number, code: string, message: string, field?: string) => HttpResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });

/**
 * The improvements side of the fake desk: list (by site, submission), start, change (the
 * transitions, declining only with a reason) and link, counting the linked submissions and
 * complaints from the desk's submissions as the server does. Requests go into the desk's `requests`.
 */
export class FakeImprovements {
  improvements: Improvement[] = [];

  constructor(readonly desk: FakeDesk) {
    server.use(
      desk.route('get', '/v1/desk/improvements', ({ url }) => this.list(url.searchParams)),
      desk.route('post', '/v1/desk/improvements', ({ body }) => {
        const input = body as NewImprovement;
        if (!input.title) return error(400, 'invalid', 'body/title must NOT have fewer than 1 characters', 'title');
        const at = new Date().toISOString();
        const improvement = this.counted({ id: `i-${this.improvements.length + 1}`, siteId: 'site-1', title: input.title, department: input.department, status: 'proposed', submissionIds: input.submissionIds, submissionCount: 0, complaintCount: 0, createdAt: at, updatedAt: at });
        this.improvements.push(improvement);
        return HttpResponse.json({ improvement }, { status: 201 });
      }),
      desk.route('patch', '/v1/desk/improvements/:id', ({ params, body }) => {
        const improvement = this.improvements.find((i) => i.id === params['id']);
        if (!improvement) return error(404, 'not_found', `Improvement ${params['id']}`);
        const { reason, ...patch } = body as ImprovementPatch;
        if (patch.status && patch.status !== improvement.status) {
          const allowed = IMPROVEMENT_TRANSITIONS[improvement.status];
          if (!allowed.includes(patch.status)) return error(409, 'invalid_transition', `Cannot go from "${improvement.status}" to "${patch.status}"; allowed: ${allowed.join(', ')}`, 'status');
          if (patch.status === 'declined' && !reason) return error(400, 'invalid', 'Declining needs a "reason"', 'reason');
        }
        Object.assign(improvement, patch, { updatedAt: new Date().toISOString() }, patch.status === 'declined' ? { reason } : {});
        if (patch.status && patch.status !== 'declined') delete improvement.reason;
        const owner = this.desk.users.find((u) => u.id === improvement.ownerId);
        if (owner) improvement.ownerName = owner.name;
        else {
          // `ownerId: null`: nobody.
          delete improvement.ownerId;
          delete improvement.ownerName;
        }
        return { improvement };
      }),
      desk.route('post', '/v1/desk/improvements/:id/submissions', ({ params, body }) => {
        const improvement = this.improvements.find((i) => i.id === params['id']);
        if (!improvement) return error(404, 'not_found', `Improvement ${params['id']}`);
        const { submissionIds } = body as { submissionIds: string[] };
        improvement.submissionIds = [...new Set([...improvement.submissionIds, ...submissionIds])];
        return { improvement: this.counted(improvement) };
      }),
    );
  }

  /** Adds an improvement of site-1 behind `submissionIds`; `overrides` win. */
  add(overrides: Partial<Improvement> & Pick<Improvement, 'title' | 'department' | 'submissionIds'>): Improvement {
    const at = new Date().toISOString();
    const improvement = this.counted({ id: `i-${this.improvements.length + 1}`, siteId: 'site-1', status: 'proposed', submissionCount: 0, complaintCount: 0, createdAt: at, updatedAt: at, ...overrides });
    this.improvements.push(improvement);
    return improvement;
  }

  private counted(improvement: Improvement): Improvement {
    const linked = this.desk.submissions.filter((s) => improvement.submissionIds.includes(s.id));
    return Object.assign(improvement, { submissionCount: linked.length, complaintCount: linked.filter((s) => s.kind === 'complaint').length });
  }

  private list(q: URLSearchParams): ImprovementList {
    const improvements = this.improvements
      .filter((i) => (!q.get('siteId') || i.siteId === q.get('siteId')) && (!q.get('submissionId') || i.submissionIds.includes(q.get('submissionId') ?? '')))
      .map((i) => this.counted(i))
      .sort((a, b) => a.department.localeCompare(b.department));
    const departments = [...new Set(improvements.map((i) => i.department))].map((department) => {
      const of = improvements.filter((i) => i.department === department);
      const total = (key: 'submissionCount' | 'complaintCount') => of.reduce((n, i) => n + i[key], 0);
      return { department, improvements: of.length, submissions: total('submissionCount'), complaints: total('complaintCount') };
    });
    return { improvements: structuredClone(improvements), departments };
  }
}
