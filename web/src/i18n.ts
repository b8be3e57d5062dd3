// UI strings in Chinese (default) and English. Chinese wording follows the company's policy
// documents (../shared/seeds). Server messages arrive already translated (Accept-Language).
// Two steps, so the login page stays small (issue 17 item 6): this file, in the entry, holds only
// what the login page says (`boot`: app, login); ./messages.ts (zh-CN) or ./messages.en.ts (en-US)
// holds the rest — the shell's strings (menu, common, ux, notifications) and each domain's
// catalogue from routes/<domain>/i18n.ts and i18n.en.ts (issue 11 item 6) — and arrives with the
// signed-in layout or the public survey page (`loadMessages()`, awaited by their lazy chunks in
// App.tsx), so no screen renders before its strings. Only the session's language is fetched. Every key keeps its full path (t('service.status')). Domain terms (statuses, urgency,
// roles …) come from the one glossary shared with the server (issue 10 item 13).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

const zh = {
  app: { name: 'MedService', title: '医疗器械售后服务管理系统', logout: '退出登录' },
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    hint: '演示账号：admin / dispatcher / engineer / renhe（医院）… 密码 MedService2026',
  },
};

const en: typeof zh = {
  app: { name: 'MedService', title: 'After-sales service management', logout: 'Log out' },
  login: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    hint: 'Demo accounts: admin / dispatcher / engineer / renhe (hospital) … password MedService2026',
  },
};

/** The login page's strings; ./messages.ts merges them into the shell's catalogue. */
export const boot = { zh, en };

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('ms_lang') : null;

i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zh }, 'en-US': { translation: en } },
  lng: saved === 'en-US' ? 'en-US' : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

// One language's strings per session: each is its own chunk (issue 17 item 6).
const loaders: Record<Lang, () => Promise<unknown>> = {
  'zh-CN': () => import('./messages.ts'),
  'en-US': () => import('./messages.en.ts'),
};
const loading = new Map<Lang, Promise<unknown>>();
function load(lang: Lang): Promise<unknown> {
  let p = loading.get(lang);
  if (!p) {
    p = loaders[lang]().catch((err) => {
      loading.delete(lang);
      throw err;
    });
    loading.set(lang, p);
  }
  return p;
}

/** Fetches and registers every other string in the session's language, once; a failed fetch is retried next time. */
export function loadMessages(): Promise<unknown> {
  return load(i18n.language === 'en-US' ? 'en-US' : 'zh-CN');
}

export async function setLanguage(lang: Lang) {
  localStorage.setItem('ms_lang', lang);
  document.documentElement.lang = lang;
  // Once the app's strings are in, the other language's arrive before the switch, so no screen
  // shows bare keys; the login page needs only its own (boot) strings.
  if (loading.size) await load(lang);
  return i18n.changeLanguage(lang);
}

export default i18n;
