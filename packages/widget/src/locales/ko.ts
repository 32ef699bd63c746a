import type { Strings } from './en.js';

/** 한국어 문구. `en.ts`와 같은 키를 가집니다 (타입이 확인합니다). */
const ko: Strings = {
  title: '의견 보내기',
  close: '닫기',
  newMessage: '새 문의',
  myMessages: '내 문의',
  kindLegend: '어떤 내용인가요?',
  kinds: { inquiry: '문의', complaint: '불만', praise: '칭찬', suggestion: '제안' },
  messageLabel: '내용',
  messagePlaceholder: '무슨 일이 있었는지 한 문장이면 충분합니다.',
  charsLeft: (n: number) => `${n}자 남음`,
  send: '보내기',
  sending: '보내는 중…',
  queued: '저장되었습니다 — 인터넷이 연결되면 바로 보내 드립니다.',
  rejected: '보내지 못함',
  tracking: '접수 번호',
  statuses: { received: '접수됨', in_review: '검토 중', answered: '답변 완료', resolved: '해결됨', closed: '종료됨' },
  expected: (time: string) => `${time}까지 답변 예정`,
  staff: '담당자',
  you: '나',
  empty: '아직 보낸 문의가 없습니다.',
  thanks: '감사합니다 — 문의가 접수되었습니다.',
  memoryWarning: '이 브라우저는 문의를 저장하지 못합니다: 전송될 때까지 이 페이지에 머물러 주세요.',
  unread: (n: number) => `새 답변 ${n}`,
};

export default ko;
