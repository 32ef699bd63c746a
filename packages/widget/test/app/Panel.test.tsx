import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../src/locales/en.js';
import ko from '../../src/locales/ko.js';
import { FakeSori } from '../fake-sori.js';
import { renderPanel, sendComplaint } from '../helpers.js';

afterEach(cleanup);

describe('Panel', () => {
  it('sends a complaint and shows its tracking number, "Received" and when to expect an answer', async () => {
    const { sori } = renderPanel();
    sendComplaint('The jar arrived cracked.');
    await screen.findByText('SR-AB12-CD01');
    expect(screen.getByText('Received')).toBeTruthy();
    // On the shopper's clock, in their language: the fake promises an hour (today, or tomorrow just before midnight).
    expect(screen.getByText(/^We answer by \d\d:\d\d (today|tomorrow)$/)).toBeTruthy();
    expect(sori.list[0]).toMatchObject({ kind: 'complaint', message: 'The jar arrived cracked.' });
  });

  it('says a submission is saved while it cannot be sent yet', async () => {
    const sori = new FakeSori();
    sori.online = false;
    renderPanel(sori);
    sendComplaint('Offline complaint');
    await screen.findByText(en.queued);
  });

  it('shows a staff reply live, without a reload', async () => {
    const { sori } = renderPanel();
    sendComplaint('Where is my order?');
    await screen.findByText('SR-AB12-CD01');
    sori.staffReply('c1', 'It ships today.');
    await screen.findByText('It ships today.', { exact: false });
    expect(screen.getAllByText('Answered').length).toBeGreaterThan(0);
  });

  it('renders what people wrote as text, never as HTML', async () => {
    const { sori } = renderPanel();
    sendComplaint('<img src=x onerror="alert(1)">');
    await screen.findByText('<img src=x onerror="alert(1)">');
    sori.staffReply('c1', '<b>bold?</b>');
    await screen.findByText('<b>bold?</b>', { exact: false });
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
  });

  it('speaks Korean with the Korean strings', () => {
    renderPanel(new FakeSori(), ko, vi.fn(), 'ko');
    expect(screen.getByRole('radio', { name: '불만' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '보내기' })).toBeTruthy();
  });

  it('closes on Escape and is a labelled modal dialog', () => {
    const { onClose } = renderPanel();
    const dialog = screen.getByRole('dialog', { name: en.title });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('puts focus on the first choice when it opens', async () => {
    renderPanel();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Question' })));
  });
});

describe('what the panel says of a submission it could not save', () => {
  it('never says "saved" while the browser keeps it in memory only', async () => {
    const sori = new FakeSori();
    sori.online = false;
    sori.storage = 'memory';
    renderPanel(sori);
    sendComplaint('Private window, offline');
    await screen.findByText(en.queuedInMemory);
    expect(screen.queryByText(en.queued)).toBeNull();
    expect(screen.getByText(en.memoryWarning)).toBeTruthy();
    // The live region says the same.
    expect(document.querySelector('[aria-live]')?.textContent).toBe(en.queuedInMemory);
  });
});
