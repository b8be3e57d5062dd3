// antd's providers (theme, locale, the App context behind message/modal hooks) and dayjs's
// locale, following the UI language. Around the signed-in layout and the public survey page
// only: the login page in the entry uses no antd, so its JS stays small (issue 17 item 6).
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

// Issue 16 §3 (Lighthouse color-contrast on the engineer screens): antd's default secondary text,
// red and orange text are under 4.5:1 on white; these keep the same hues at AA contrast.
const theme = {
  token: {
    colorPrimary: '#1668dc',
    borderRadius: 6,
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorErrorText: '#cf1322',
    colorWarningText: '#ad4e00',
    colorSuccessText: '#237804',
  },
};

// A user who asked the system for less motion gets dialogs, drop-downs and messages without
// animation (WCAG 2.3.3): antd's `motion: false` turns every component's motion off. The browser
// stories run with reduced motion too, so a click never lands in a dialog still zooming in.
const REDUCED = '(prefers-reduced-motion: reduce)';
function subscribe(onChange: () => void) {
  const media = window.matchMedia?.(REDUCED);
  media?.addEventListener('change', onChange);
  return () => media?.removeEventListener('change', onChange);
}
const reducedMotion = () => window.matchMedia?.(REDUCED).matches ?? false;
const THEMES = { full: theme, reduced: { ...theme, token: { ...theme.token, motion: false } } };

export function AntShell({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const reduced = useSyncExternalStore(subscribe, reducedMotion, () => false);
  const zh = i18n.language !== 'en-US';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={reduced ? THEMES.reduced : THEMES.full}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
