// Create / edit in a modal: sends the record's version for optimistic concurrency, shows a
// server field error on its field, and a 409 as a clear "someone else changed it" message.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, type FormInstance, Modal, Space, type TableColumnsType } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api';

export interface RecordFormProps<T> {
  open: boolean;
  title: ReactNode;
  endpoint: string; // collection URL, e.g. /api/v1/customers
  record?: (T & { id: string; version: number }) | null;
  initialValues?: Record<string, unknown>;
  toForm?: (r: T) => Record<string, unknown>;
  toBody?: (v: Record<string, unknown>) => Record<string, unknown>;
  onClose: () => void;
  onSaved?: (saved: T & { id: string }) => void;
  children: (form: FormInstance) => ReactNode;
  testId: string;
  width?: number;
}

/** Puts a problem's field errors on the form; returns false when none matched a field. */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.problem.fields?.length) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const fields = err.problem.fields.filter((f) => known.has(f.field)).map((f) => ({ name: f.field, errors: [f.message] }));
  form.setFields(fields);
  return fields.length > 0;
}

export function RecordForm<T>(props: RecordFormProps<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const { open, record, toForm, initialValues } = props;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(record ? (toForm ? toForm(record) : (record as Record<string, unknown>)) : (initialValues ?? {}));
  }, [open, record, toForm, initialValues, form]);

  const save = async () => {
    // A form with missing fields shows its own messages; nothing to send.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const body = props.toBody ? props.toBody(values) : values;
    setBusy(true);
    try {
      const saved = record
        ? await request<T & { id: string }>('PATCH', `${props.endpoint}/${record.id}`, { ...body, version: record.version })
        : await request<T & { id: string }>('POST', props.endpoint, body);
      message.success(t('common.saved'));
      await qc.invalidateQueries();
      props.onSaved?.(saved);
      props.onClose();
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 409 && e.problem.code === 'version_conflict') message.error(t('common.conflict'));
      else {
        applyFieldErrors(form, e);
        message.error(e instanceof ApiError ? e.problem.detail : String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={props.title}
      onCancel={props.onClose}
      onOk={save}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={props.width ?? 640}
      okButtonProps={{ 'data-testid': `${props.testId}-save` } as Record<string, string>}
    >
      <Form form={form} layout="vertical" data-testid={`${props.testId}-form`} preserve={false}>
        {props.children(form)}
      </Form>
    </Modal>
  );
}

/** Confirms, deletes, refreshes. */
export function useDelete() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  return (url: string, onDone?: () => void) =>
    modal.confirm({
      title: t('common.confirmDelete'),
      okType: 'danger',
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await request('DELETE', url);
          message.success(t('common.deleted'));
          await qc.invalidateQueries();
          onDone?.();
        } catch (e) {
          message.error(e instanceof ApiError ? e.problem.detail : String(e));
        }
      },
    });
}

/**
 * The edit / delete column of a registry list, or nothing when the user may do neither.
 * Test ids are `<prefix>-edit-<key>` and `<prefix>-delete-<key>`.
 */
export function actionsColumn<T extends { id: string; version: number }>(opts: {
  t: (key: string) => string;
  testKey?: (r: T) => string;
  prefix: string;
  onEdit?: (r: T) => void;
  onDelete?: (r: T) => void;
}): TableColumnsType<T> {
  const { t, testKey, prefix, onEdit, onDelete } = opts;
  if (!onEdit && !onDelete) return [];
  const id = (action: string, r: T) => (testKey ? `${prefix}-${action}-${testKey(r)}` : undefined);
  return [
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, r: T) => (
        <Space size={0}>
          {onEdit && (
            <Button type="link" size="small" data-testid={id('edit', r)} onClick={() => onEdit(r)}>
              {t('common.edit')}
            </Button>
          )}
          {onDelete && (
            <Button type="link" size="small" danger data-testid={id('delete', r)} onClick={() => onDelete(r)}>
              {t('common.delete')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
}
