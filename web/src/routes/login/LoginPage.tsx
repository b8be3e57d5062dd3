// The login page, in plain elements styled here (no antd): it is the entry's only
// screen, and antd alone would triple the JS a first visit downloads (issue 17 item 6). It looks
// like the antd form it replaced: a card on the blue gradient, labels above inputs, a full-width
// primary button, the server's (translated) error above the form.
import { type CSSProperties, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { useLogin } from '../../auth';
import { type Lang, setLanguage } from '../../i18n';

const PRIMARY = '#1668dc';
const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const s = {
  page: { minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: 'linear-gradient(160deg,#0f3a75,#1668dc)', fontFamily: font },
  card: { width: '100%', maxWidth: 400, boxSizing: 'border-box', background: '#fff', borderRadius: 8, padding: 24, color: 'rgba(0,0,0,0.88)', fontSize: 14 },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 },
  title: { margin: 0, fontSize: 24, fontWeight: 600 },
  langs: { display: 'inline-flex', background: '#f5f5f5', borderRadius: 4, padding: 2 },
  secondary: { color: 'rgba(0,0,0,0.45)', margin: '0 0 16px' },
  error: { background: '#fff2f0', border: '1px solid #ffccc7', borderRadius: 6, padding: '8px 12px', marginBottom: 16 },
  label: { display: 'block', marginBottom: 8 },
  field: { marginBottom: 24 },
  input: { width: '100%', boxSizing: 'border-box', padding: '4px 11px', height: 32, fontSize: 14, border: '1px solid #d9d9d9', borderRadius: 6 },
  button: { width: '100%', height: 32, fontSize: 14, border: 'none', borderRadius: 6, background: PRIMARY, color: '#fff', cursor: 'pointer' },
  hint: { color: 'rgba(0,0,0,0.45)', marginTop: 16, marginBottom: 0, fontSize: 12 },
} satisfies Record<string, CSSProperties>;

const langStyle = (on: boolean): CSSProperties => ({
  border: 'none',
  borderRadius: 3,
  padding: '0 8px',
  height: 20,
  fontSize: 12,
  cursor: 'pointer',
  background: on ? '#fff' : 'transparent',
  boxShadow: on ? '0 1px 2px rgba(0,0,0,0.08)' : 'none',
});

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const error = login.error ? (login.error instanceof ApiError ? login.error.problem.detail : String(login.error)) : null;
  const lang: Lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate(
      { username, password },
      {
        onSuccess: () => {
          const next = params.get('next');
          navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
        },
      },
    );
  };

  return (
    <div style={s.page}>
      <div style={s.card}>
        <div style={s.head}>
          <h3 style={s.title}>MedService</h3>
          <div style={s.langs}>
            {(
              [
                ['zh-CN', '中文'],
                ['en-US', 'EN'],
              ] as const
            ).map(([value, label]) => (
              <button key={value} type="button" aria-pressed={lang === value} style={langStyle(lang === value)} onClick={() => setLanguage(value)}>
                {label}
              </button>
            ))}
          </div>
        </div>
        <p style={s.secondary}>{t('app.title')}</p>
        {error && (
          <div data-testid="login-error" role="alert" style={s.error}>
            {error}
          </div>
        )}
        {/* Required fields are the browser's own check; the server answers a wrong password. */}
        <form onSubmit={submit}>
          <div style={s.field}>
            <label htmlFor="login-username" style={s.label}>
              {t('login.username')}
            </label>
            <input
              id="login-username"
              data-testid="login-username"
              style={s.input}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
              required
              // biome-ignore lint/a11y/noAutofocus: the page's one task is this form, as before
              autoFocus
            />
          </div>
          <div style={s.field}>
            <label htmlFor="login-password" style={s.label}>
              {t('login.password')}
            </label>
            <input
              id="login-password"
              data-testid="login-password"
              type="password"
              style={s.input}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
            />
          </div>
          <button data-testid="login-submit" type="submit" style={{ ...s.button, opacity: login.isPending ? 0.65 : 1 }} disabled={login.isPending}>
            {t('login.submit')}
          </button>
        </form>
        <p style={s.hint}>{t('login.hint')}</p>
      </div>
    </div>
  );
}
