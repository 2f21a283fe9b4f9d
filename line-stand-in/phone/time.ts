/** Times as a shopper in Taiwan sees them in LINE: 「下午3:05」, dates 「7月15日(週三)」. */
const clock = new Intl.DateTimeFormat('zh-TW', {
  timeZone: 'Asia/Taipei',
  hour: 'numeric',
  minute: '2-digit',
});
const day = new Intl.DateTimeFormat('zh-TW', {
  timeZone: 'Asia/Taipei',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
});
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei' });

export const timeOfDay = (at: number) => clock.format(at);
export const dateLabel = (at: number) => day.format(at);
/** `YYYY-MM-DD` in Taipei: chat lines of the same day share one date label. */
export const taipeiDay = (at: number) => dayKey.format(at);
