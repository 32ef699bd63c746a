/** What the shopper's emails say, per language. The shopper's own words are never in them as HTML. */
const TEXT = {
  en: {
    replySubject: (n: string) => `A reply about your message ${n}`,
    replyIntro: (site: string) => `${site} answered your message:`,
    resolvedSubject: (n: string) => `Your message ${n} is resolved`,
    resolvedIntro: (site: string) => `${site} marked your message as resolved. You can rate how it went in the feedback window on the site.`,
    footer: (n: string) => `Tracking number: ${n}\nYou get this email because you asked to be contacted by email.`,
    improvementSubject: (n: string) => `Your message ${n} led to a change`,
    improvementIntro: (site: string) => `${site} made a change because of what you wrote:`,
  },
  ko: {
    replySubject: (n: string) => `문의 ${n}에 답변이 도착했습니다`,
    replyIntro: (site: string) => `${site}에서 답변을 보냈습니다:`,
    resolvedSubject: (n: string) => `문의 ${n}이(가) 해결되었습니다`,
    resolvedIntro: (site: string) => `${site}에서 문의를 해결됨으로 표시했습니다. 사이트의 의견 창에서 평가를 남겨 주세요.`,
    footer: (n: string) => `접수 번호: ${n}\n이메일 연락을 요청하셔서 보내 드리는 메일입니다.`,
    improvementSubject: (n: string) => `문의 ${n}이(가) 개선으로 이어졌습니다`,
    improvementIntro: (site: string) => `${site}에서 보내 주신 의견을 반영해 다음을 바꾸었습니다:`,
  },
} as const;

/** One email: its subject and plain-text body. */
export interface EmailText {
  subject: string;
  text: string;
}

function language(locale: string | null): keyof typeof TEXT {
  return locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** The email for a staff reply. */
export function replyEmail(input: { site: string; trackingNumber: string; text: string; locale: string | null }): EmailText {
  const t = TEXT[language(input.locale)];
  return {
    subject: t.replySubject(input.trackingNumber),
    text: `${t.replyIntro(input.site)}\n\n${input.text}\n\n${t.footer(input.trackingNumber)}\n`,
  };
}

/** The email for a resolution. */
export function resolvedEmail(input: { site: string; trackingNumber: string; locale: string | null }): EmailText {
  const t = TEXT[language(input.locale)];
  return {
    subject: t.resolvedSubject(input.trackingNumber),
    text: `${t.resolvedIntro(input.site)}\n\n${t.footer(input.trackingNumber)}\n`,
  };
}

/** The email telling a shopper that their submission led to a change (an improvement done). */
export function improvementEmail(input: { site: string; trackingNumber: string; title: string; locale: string | null }): EmailText {
  const t = TEXT[language(input.locale)];
  return {
    subject: t.improvementSubject(input.trackingNumber),
    text: `${t.improvementIntro(input.site)}\n\n${input.title}\n\n${t.footer(input.trackingNumber)}\n`,
  };
}
