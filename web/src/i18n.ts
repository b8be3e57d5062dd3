// UI strings in Chinese (default) and English. Chinese wording follows the company's policy
// documents (../shared/seeds). Server messages arrive already translated (Accept-Language).
// Two steps, so the login page stays small (issue 17 item 6): this file, in the entry, holds only
// what the login page says (`boot`: app, login); ./messages.ts holds the rest — the shell's strings
// (menu, common, ux, notifications) and each domain's catalogue from routes/<domain>/i18n.ts
// (issue 11 item 6) — and arrives with the signed-in layout or the public survey page
// (`loadMessages()`, awaited by their lazy chunks in App.tsx), so no screen renders before its
// strings. Every key keeps its full path (t('service.status')). Domain terms (statuses, urgency,
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

let messages: Promise<unknown> | undefined;
/** Fetches and registers every other string (./messages.ts), once; a failed fetch is retried next time. */
export function loadMessages(): Promise<unknown> {
  messages ??= import('./messages.ts').catch((err) => {
    messages = undefined;
    throw err;
  });
  return messages;
}

export function setLanguage(lang: Lang) {
  localStorage.setItem('ms_lang', lang);
  document.documentElement.lang = lang;
  return i18n.changeLanguage(lang);
}

export default i18n;
