/**
 * The thread chunk: My messages, each submission's thread and the follow-up. The panel loads it
 * when first needed, or at idle once the form is usable.
 */
export { SubmissionList, type SubmissionListProps } from './SubmissionList.js';
export { prepare } from '../app/answer-time.js';
export { THREAD_CSS } from './thread.styles.js';
