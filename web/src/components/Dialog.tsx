// The dialog every write opens: antd's Modal with the app's Save / Cancel buttons, closed content
// destroyed, and a test id on the OK button (`okTestId`). Any Modal prop overrides these.
import { Modal, type ModalProps } from 'antd';
import { useTranslation } from 'react-i18next';

export function Dialog({ okTestId, okButtonProps, ...rest }: ModalProps & { okTestId?: string }) {
  const { t } = useTranslation();
  const okProps = okTestId ? { ...okButtonProps, ...({ 'data-testid': okTestId } as Record<string, string>) } : okButtonProps;
  return <Modal okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden {...rest} okButtonProps={okProps} />;
}
