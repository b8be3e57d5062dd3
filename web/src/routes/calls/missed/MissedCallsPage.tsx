// 未接来电 (R-CL-1; seed 002: the hotline is kept answered 9:00–22:00): missed calls with their
// call-back deadline (hotline minutes, calls.rules.ts), overdue ones in red; entered by hand or
// imported from the PBX's CSV export (one bad line refuses the file, naming the line); 回电 logs
// the outbound call and marks the missed call returned.
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Grid, Input, List, Modal, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { type MissedCall, useImportMissed, useMissedCalls, useRecordMissed } from '../../../api/hooks/missedCalls';
import { useMe } from '../../../auth';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { useProblem } from '../../care/common';
import { LogCallDrawer } from '../calls/CallsPage';
import { fmt, OnDutyBanner } from '../common';

type State = 'open' | 'overdue' | 'returned';

export function MissedCallsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = AntApp.useApp();
  const problem = useProblem();
  const phoneScreen = !Grid.useBreakpoint().md;
  const [state, setState] = useState<State | 'all'>('open');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [callingBack, setCallingBack] = useState<MissedCall | null>(null);
  const list = useMissedCalls({ state: state === 'all' ? undefined : state, page, pageSize: 20 });
  const record = useRecordMissed();
  const importCsv = useImportMissed();
  const [form] = Form.useForm();
  const canLog = me.abilities['calls.log'];

  const deadline = (m: MissedCall) =>
    m.calledBackAt ? (
      <Tag color="green">{t('calls.missed.calledBack', { at: fmt(m.calledBackAt), by: m.callbackByName ?? '' })}</Tag>
    ) : (
      <Space size={4}>
        <span style={m.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{fmt(m.callbackDueAt)}</span>
        {m.overdue && (
          <Tag color="red" data-testid="missed-overdue">
            {t('calls.missed.overdue')}
          </Tag>
        )}
      </Space>
    );
  const callBack = (m: MissedCall) =>
    canLog && !m.calledBackAt ? (
      <Button size="small" type="primary" onClick={() => setCallingBack(m)} data-testid="missed-callback">
        {t('calls.missed.callBack')}
      </Button>
    ) : null;

  const add = async () => {
    const v = await validFields(form);
    if (!v) return;
    record.mutate(
      { ...v, receivedAt: v.receivedAt.toISOString() },
      {
        onSuccess: () => {
          setAdding(false);
          form.resetFields();
        },
        onError: problem,
      },
    );
  };
  const upload = async (file: File) => {
    setImportError(null);
    const csv = await file.text();
    importCsv.mutate(csv, {
      onSuccess: (r) => {
        message.success(t('calls.missed.imported', { imported: r.imported, answered: r.skippedAnswered, known: r.skippedKnown }));
        setImporting(false);
      },
      onError: (e) => setImportError(e instanceof ApiError ? e.problem.detail : String(e)),
    });
    return false;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="missed-calls">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('calls.menu.missed')}</PageTitle>
        {canLog && (
          <Space wrap>
            <Button onClick={() => setAdding(true)}>{t('calls.missed.add')}</Button>
            <Button
              onClick={() => {
                setImportError(null);
                setImporting(true);
              }}
              data-testid="missed-import"
            >
              {t('calls.missed.import')}
            </Button>
          </Space>
        )}
      </Space>
      <OnDutyBanner />
      <Segmented<State | 'all'>
        value={state}
        onChange={(v) => {
          setState(v);
          setPage(1);
        }}
        options={[
          { value: 'open', label: t('calls.missed.state.open') },
          { value: 'overdue', label: t('calls.missed.state.overdue') },
          { value: 'returned', label: t('calls.missed.state.returned') },
          { value: 'all', label: t('common.all') },
        ]}
      />
      {phoneScreen ? (
        <List<MissedCall>
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, size: 'small' }}
          renderItem={(m) => (
            <Card size="small" style={{ marginBottom: 8, borderColor: m.overdue ? '#ffa39e' : undefined }}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <a href={`tel:${m.phone}`}>{m.phone}</a>
                  <Typography.Text>{m.callerName ?? ''}</Typography.Text>
                  <Typography.Text type="secondary">{m.customerName ?? ''}</Typography.Text>
                </Space>
                <Typography.Text type="secondary">
                  {t('calls.missed.receivedAt')} {fmt(m.receivedAt)}
                </Typography.Text>
                <Space wrap>
                  {t('calls.missed.due')} {deadline(m)} {callBack(m)}
                </Space>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<MissedCall>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
          rowClassName={(m) => (m.overdue ? 'ms-row-overdue' : '')}
          onRow={(m) => ({ style: m.overdue ? { background: '#fff1f0' } : undefined })}
          columns={[
            { title: t('calls.missed.receivedAt'), render: (_, m) => fmt(m.receivedAt) },
            { title: t('calls.f.phone'), dataIndex: 'phone' },
            { title: t('calls.f.callerName'), render: (_, m) => m.callerName ?? '' },
            { title: t('calls.f.customer'), render: (_, m) => m.customerName ?? '' },
            { title: t('calls.missed.source'), render: (_, m) => t(`calls.missed.sources.${m.source}`) },
            { title: t('calls.missed.due'), render: (_, m) => deadline(m) },
            { title: t('common.actions'), render: (_, m) => callBack(m) },
          ]}
        />
      )}
      <Modal open={adding} onCancel={() => setAdding(false)} onOk={add} confirmLoading={record.isPending} title={t('calls.missed.add')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ receivedAt: dayjs() }}>
          <Form.Item name="phone" label={t('calls.f.phone')} rules={[{ required: true }]}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item name="callerName" label={t('calls.f.callerName')}>
            <Input />
          </Form.Item>
          <Form.Item name="receivedAt" label={t('calls.missed.receivedAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="note" label={t('calls.missed.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={importing} onCancel={() => setImporting(false)} footer={null} title={t('calls.missed.import')} destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('calls.missed.importHint')}</Typography.Paragraph>
          <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={upload}>
            <Button loading={importCsv.isPending} data-testid="missed-import-file">
              {t('calls.missed.import')}
            </Button>
          </Upload>
          {importError && <Alert type="error" showIcon message={importError} data-testid="missed-import-error" />}
        </Space>
      </Modal>
      {callingBack && (
        <LogCallDrawer
          open
          onClose={() => setCallingBack(null)}
          initial={{
            direction: 'outbound',
            phone: callingBack.phone,
            callerName: callingBack.callerName ?? undefined,
            customerId: callingBack.customerId ?? undefined,
            missedCallId: callingBack.id,
            outcome: 'info_given',
          }}
        />
      )}
    </Space>
  );
}
