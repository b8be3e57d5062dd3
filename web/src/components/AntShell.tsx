// antd's providers (theme, locale, the App context behind message/modal hooks) and dayjs's
// locale, following the UI language. Around the signed-in layout and the public survey page
// only: the login page in the entry uses no antd, so its JS stays small (issue 17 item 6).
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function AntShell({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en-US';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
