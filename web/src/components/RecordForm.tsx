// Create / edit in a modal: sends the record's version for optimistic concurrency, shows a
// server field error on its field, and a 409 as a clear "someone else changed it" message.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, type FormInstance, Space, type TableColumnsType } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type BodyOf, createRecord, type DeletePath, deleteRecord, type RecordOf, type RecordPath, type ResponseOf, updateRecord } from '../api';
import { keysFor, rootOf } from '../api/keys';
import { Dialog } from './Dialog';

/** A record as a screen holds it: what a form edits and a delete names. */
export interface Versioned {
  id: string;
  version: number;
}

export interface RecordFormProps<R extends Versioned, P extends RecordPath> {
  open: boolean;
  title: ReactNode;
  /** The collection path of the contract (e.g. /api/v1/customers): POST creates, <path>/{id} PATCH edits. */
  endpoint: P;
  record?: R | null;
  initialValues?: Record<string, unknown>;
  toForm?: (r: R) => Record<string, unknown>;
  toBody?: (v: Record<string, unknown>) => Record<string, unknown>;
  onClose: () => void;
  onSaved?: (saved: ResponseOf<P, 'post'> | ResponseOf<RecordOf<P>, 'patch'>) => void;
  /** Roots (path segments after /api/v1/) of other resources the write changes, e.g. a contract → devices' coverage. */
  invalidates?: readonly string[];
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

/**
 * Create / edit over a collection path. The record type is the caller's (a list row or a detail's
 * record); the path decides the calls and the answer's type. A save refreshes the resource's keys
 * (lists and details, by the path's root) and those of `invalidates`.
 */
export function RecordForm<R extends Versioned, P extends RecordPath = RecordPath>(props: RecordFormProps<R, P>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const { open, record, toForm, initialValues, endpoint } = props;
  const save = useMutation({
    // The form's values, checked by its rules and by the server, are the contract's body.
    mutationFn: (body: Record<string, unknown>) =>
      record
        ? updateRecord(endpoint, record.id, { ...body, version: record.version } as BodyOf<RecordOf<P>, 'patch'>)
        : createRecord(endpoint, body as BodyOf<P, 'post'>),
    onSuccess: () => Promise.all([rootOf(endpoint), ...(props.invalidates ?? [])].map((root) => qc.invalidateQueries({ queryKey: keysFor(root).all }))),
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(record ? (toForm ? toForm(record) : (record as unknown as Record<string, unknown>)) : (initialValues ?? {}));
  }, [open, record, toForm, initialValues, form]);

  const submit = async () => {
    // A form with missing fields shows its own messages; nothing to send.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    save.mutate(props.toBody ? props.toBody(values) : values, {
      onSuccess: (saved) => {
        message.success(t('common.saved'));
        props.onSaved?.(saved);
        props.onClose();
      },
      onError: (e) => {
        if (e instanceof ApiError && e.problem.status === 409 && e.problem.code === 'version_conflict') message.error(t('common.conflict'));
        else {
          applyFieldErrors(form, e);
          message.error(e instanceof ApiError ? e.problem.detail : String(e));
        }
      },
    });
  };

  return (
    <Dialog
      open={open}
      title={props.title}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      width={props.width ?? 640}
      okTestId={`${props.testId}-save`}
    >
      <Form form={form} layout="vertical" data-testid={`${props.testId}-form`} preserve={false}>
        {props.children(form)}
      </Form>
    </Dialog>
  );
}

/** Confirms, deletes, refreshes the resource's lists (and those of `invalidates`). */
export function useDelete() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: ({ path, record }: { path: DeletePath; record: Versioned; invalidates?: readonly string[] }) => deleteRecord(path, record.id, record.version),
    // Lists only: the deleted record's own detail would answer 404 while its screen navigates away.
    onSuccess: (_, { path, invalidates }) =>
      Promise.all([rootOf(path), ...(invalidates ?? [])].map((root) => qc.invalidateQueries({ queryKey: keysFor(root).lists() }))),
  });
  return (path: DeletePath, record: Versioned, onDone?: () => void, invalidates?: readonly string[]) =>
    modal.confirm({
      title: t('common.confirmDelete'),
      okType: 'danger',
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync({ path, record, invalidates });
          message.success(t('common.deleted'));
          onDone?.();
        } catch (e) {
          message.error(e instanceof ApiError ? e.problem.detail : String(e));
        }
      },
    });
}

/** A write's onError: the problem's field errors onto the form, then `then` (a message, an error line). */
export const fieldErrorsThen = (form: FormInstance, then: (e: unknown) => void) => (e: unknown) => {
  applyFieldErrors(form, e);
  then(e);
};

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

/** A list's "create" button (primary, +, common.create). */
export function CreateButton({ testId, onClick }: { testId: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button data-testid={testId} type="primary" icon={<PlusOutlined />} onClick={onClick}>
      {t('common.create')}
    </Button>
  );
}

/** Which record a list's RecordForm edits: none (closed), a new one (`create`) or `editing`. */
export function useEditor<T>() {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<T | null>(null);
  return {
    open: open || editing !== null,
    editing,
    create: () => setOpen(true),
    edit: setEditing,
    close: () => {
      setOpen(false);
      setEditing(null);
    },
  };
}
