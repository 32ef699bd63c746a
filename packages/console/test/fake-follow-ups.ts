import type { DeskSubmission, FollowUp, FollowUpInput } from '@sori/protocol';
import type { FollowUpReason } from '@sori/protocol/constants';
import { HttpResponse } from 'msw';
import type { FakeDesk } from './fake-desk.js';
import { server } from './setup.js';

/**
 * The follow-up side of the fake desk (the happy call): the list, and each call's outcome as the
 * server records it — reached leaves the list, reached and not satisfied reopens a resolved
 * submission, no answer stays with its time. Requests go into the desk's `requests`.
 */
export class FakeFollowUps {
  followUps: FollowUp[] = [];
  /** The server's answer to the list while set, e.g. a 500. */
  failure: { status: number; code: string; message: string } | undefined;

  constructor(readonly desk: FakeDesk) {
    server.use(
      desk.route('get', '/v1/desk/follow-ups', () =>
        this.failure ? HttpResponse.json({ error: { code: this.failure.code, message: this.failure.message } }, { status: this.failure.status }) : { followUps: this.followUps },
      ),
      desk.route('post', '/v1/desk/submissions/:id/follow-ups', ({ params, body }) => {
        const before = desk.submissions.find((s) => s.id === params['id']);
        if (!before) return HttpResponse.json({ error: { code: 'not_found', message: `Submission ${params['id']} not found` } }, { status: 404 });
        const { outcome } = body as FollowUpInput;
        const reopen = outcome === 'reached_not_satisfied' && (before.status === 'resolved' || before.status === 'closed');
        const after = desk.change(before.id, reopen ? { status: 'reopened', awaiting: 'staff' } : {});
        let { event } = desk.record(after, 'follow_up', { data: { outcome } });
        if (reopen) ({ event } = desk.record(after, 'status', { public: true, data: { from: before.status, to: 'reopened', reason: 'follow_up' } }));
        const at = new Date().toISOString();
        this.followUps = this.followUps.flatMap((f) => (f.submission.id !== after.id ? [f] : outcome === 'no_answer' ? [{ ...f, submission: after, lastOutcome: outcome, lastOutcomeAt: at }] : []));
        return HttpResponse.json({ submission: after, event }, { status: 201 });
      }),
    );
  }

  /** Puts a submission of the desk on the list, for `reasons`. */
  add(submission: DeskSubmission, ...reasons: [FollowUpReason, ...FollowUpReason[]]): void {
    this.followUps.push({ submission, reasons });
  }
}
