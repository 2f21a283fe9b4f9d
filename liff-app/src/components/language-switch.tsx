import { type Locale, locale } from '../lib/i18n.ts';
import { chooseLanguage } from '../lib/staff-i18n.ts';
import { useStore } from '../lib/use-store.ts';

/** The staff's switch to the other language, named in that language and remembered on this browser. */
export function LanguageSwitch() {
  const current = useStore(locale);
  const next: Locale = current === 'en' ? 'zh-TW' : 'en';
  return (
    <button type="button" className="link" lang={next} onClick={() => chooseLanguage(next)}>
      {next === 'en' ? 'English' : '中文'}
    </button>
  );
}
