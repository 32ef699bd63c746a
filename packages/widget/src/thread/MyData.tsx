import type { Sori } from '@sori/sdk';
import { useState } from 'preact/hooks';
import type { Strings } from '../locales/en.js';

/**
 * The shopper's own data, for this browser's shopper only: download it as a JSON file, or delete
 * it, after saying yes to what that means.
 */
export function MyData({ sori, t }: { sori: Sori; t: Strings }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'deleted'>('idle');
  const [error, setError] = useState('');
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const download = () =>
    sori.exportData().then((data) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      link.download = 'my-data.json';
      link.click();
      URL.revokeObjectURL(link.href);
    }, fail);

  return (
    <section class="my-data" aria-label={t.myData}>
      {step === 'deleted' ? (
        <p role="status">{t.deleted}</p>
      ) : step === 'confirm' ? (
        <div class="row" role="alert">
          <p>{t.confirmDelete}</p>
          <button class="button--danger" onClick={() => sori.eraseData().then(() => setStep('deleted'), fail)}>
            {t.confirmYes}
          </button>
          <button onClick={() => setStep('idle')}>{t.no}</button>
        </div>
      ) : (
        <div class="row">
          <button onClick={() => void download()}>{t.downloadData}</button>
          <button onClick={() => setStep('confirm')}>{t.deleteData}</button>
        </div>
      )}
      {error ? (
        <p class="note" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
