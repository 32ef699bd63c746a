// A feedback form of the store's own, on the Sori SDK: submit, list, live updates.
import { createSori } from '/sdk/index.js';

const config = document.querySelector('meta[name="sori"]');
const sori = createSori({ site: config?.dataset.site ?? '', endpoint: config?.dataset.endpoint ?? '' });

const form = document.getElementById('form');
const list = document.getElementById('items');
const error = document.getElementById('error');

const STATUS = { received: 'Received', in_review: 'In review', answered: 'Answered', resolved: 'Resolved', closed: 'Closed' };

function describe(item) {
  if (item.delivery === 'rejected') return `Not sent: ${item.error?.message ?? 'refused'}`;
  if (item.delivery !== 'accepted') return 'Saved — sending…';
  return `${item.trackingNumber} · ${STATUS[item.publicStatus] ?? item.publicStatus}`;
}

async function render() {
  const items = await sori.items();
  // textContent only: what a shopper or staff wrote is text, never HTML.
  list.replaceChildren(
    ...items.map((item) => {
      const box = document.createElement('div');
      box.className = 'item';
      const text = document.createElement('p');
      text.textContent = item.message;
      const meta = document.createElement('p');
      meta.className = 'meta';
      meta.textContent = describe(item);
      box.append(text, meta);
      for (const event of item.timeline.filter((e) => e.type === 'reply')) {
        const reply = document.createElement('p');
        reply.textContent = `↳ ${event.authorName ?? 'Staff'}: ${event.message}`;
        box.append(reply);
      }
      return box;
    }),
  );
  document.getElementById('storage').hidden = sori.status().storage !== 'memory';
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

sori.on('item', render);
sori.on('status', render);
render();
