// A feedback form of the store's own, on the Sori SDK: submit, list, live events.
import { createSori } from '/sdk/index.js';

const config = document.querySelector('meta[name="sori"]');
const sori = createSori({ site: config?.dataset.site ?? '', endpoint: config?.dataset.endpoint ?? '' });

const form = document.getElementById('form');
const list = document.getElementById('submissions');
const error = document.getElementById('error');

const STATUS = { received: 'Received', in_review: 'In review', answered: 'Answered', resolved: 'Resolved', closed: 'Closed' };

function describe(submission) {
  if (submission.sendState === 'rejected') return `Not sent: ${submission.error?.message ?? 'refused'}`;
  if (submission.sendState !== 'accepted') return 'Saved — sending…';
  return `${submission.trackingNumber} · ${STATUS[submission.publicStatus] ?? submission.publicStatus}`;
}

async function render() {
  const submissions = await sori.submissions();
  // textContent only: what a shopper or staff wrote is text, never HTML.
  list.replaceChildren(
    ...submissions.map((submission) => {
      const box = document.createElement('div');
      box.className = 'submission';
      const text = document.createElement('p');
      text.textContent = submission.message;
      const meta = document.createElement('p');
      meta.className = 'meta';
      meta.textContent = describe(submission);
      box.append(text, meta);
      for (const event of submission.timeline.filter((e) => e.type === 'reply')) {
        const reply = document.createElement('p');
        reply.textContent = `↳ ${event.authorName ?? 'Staff'}: ${event.text}`;
        box.append(reply);
      }
      return box;
    }),
  );
  document.getElementById('storage').hidden = sori.syncState().storage !== 'memory';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  const data = new FormData(form);
  try {
    await sori.submit({
      kind: String(data.get('kind')),
      message: String(data.get('message')),
      ...(data.get('orderRef') ? { orderRef: String(data.get('orderRef')) } : {}),
    });
    form.reset();
  } catch (e) {
    error.textContent = e instanceof Error ? e.message : String(e);
  }
  await render();
});

sori.on('submission', render);
sori.on('sync', render);
render();
