/** English strings of the widget. Every user-facing string lives here and in `ko.ts`. */
const en = {
  title: 'Talk to us',
  close: 'Close',
  newMessage: 'New message',
  myMessages: 'My messages',
  kindLegend: 'What is it about?',
  kinds: { inquiry: 'Question', complaint: 'Complaint', praise: 'Praise', suggestion: 'Suggestion' },
  messageLabel: 'Your message',
  messagePlaceholder: 'Tell us what happened — one sentence is enough.',
  charsLeft: (n: number) => `${n} characters left`,
  send: 'Send',
  sending: 'Sending…',
  queued: "Saved — we'll send it as soon as you're back online.",
  rejected: 'Not sent',
  tracking: 'Tracking number',
  statuses: { received: 'Received', in_review: 'In review', answered: 'Answered', resolved: 'Resolved', closed: 'Closed' },
  expected: (time: string) => `Expected answer by ${time}`,
  staff: 'Staff',
  you: 'You',
  empty: 'Nothing sent yet.',
  thanks: 'Thank you — we have your message.',
  memoryWarning: 'This browser is not keeping messages: stay on this page until it says sent.',
  unread: (n: number) => `${n} new`,
};

export type Strings = typeof en;
export default en;
