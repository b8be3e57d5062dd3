// Moving in from spreadsheets: download the template, validate a file (nothing is written),
// then import it as one transaction. Any rejected row means nothing is imported (the server
// answers 422 with the same report).

import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Result, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, download } from '../../../api';
import { type ImportReport, type ImportKind as Kind, useImport } from '../../../api/hooks/imports';
import { useAbility } from '../../../auth';
import { PageTitle } from '../../../components/PageTitle';

export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canCustomers = useAbility('imports.customers');
  const canDevices = useAbility('imports.devices');
  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const imp = useImport();
  const busy = imp.isPending ? imp.variables?.mode : undefined;

  if (!canCustomers && !canDevices) return <Result status="403" />;

  const run = (mode: 'validate' | 'commit') => {
    if (!file) return;
    imp.mutate(
      { kind, mode, file },
      {
        onSuccess: (r) => {
          setReport(r);
          if (r.committed) message.success(t('import.committed', { created: r.created }));
        },
        onError: (e) => {
          // A rejected commit (422) carries the same report as a validation.
          if (e instanceof ApiError && e.problem.report) setReport(e.problem.report as ImportReport);
          message.error(e instanceof ApiError ? e.problem.detail : String(e));
        },
      },
    );
  };

  const kinds = [...(canCustomers ? (['customers'] as const) : []), ...(canDevices ? (['devices'] as const) : [])];

  return (
    <Card title={<PageTitle>{t('import.title')}</PageTitle>}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('import.intro')}
        </Typography.Paragraph>
        <Space wrap>
          <span>{t('import.kind')}:</span>
          <Segmented
            data-testid="import-kind"
            value={kind}
            options={kinds.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))}
            onChange={(v) => {
              setKind(v as Kind);
              setReport(null);
            }}
          />
          <Button
            data-testid="import-template"
            icon={<DownloadOutlined />}
            onClick={() => download(`/api/v1/imports/templates/${kind}`, `${kind}-import-template.xlsx`).catch((e) => message.error(String(e)))}
          >
            {t('import.template')}
          </Button>
        </Space>
        <Upload.Dragger
          data-testid="import-file"
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setReport(null);
          }}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('import.file')} (.xlsx / .csv)</p>
        </Upload.Dragger>
        <Space wrap>
          <Button data-testid="import-validate" icon={<CheckCircleOutlined />} disabled={!file} loading={busy === 'validate'} onClick={() => run('validate')}>
            {t('import.validate')}
          </Button>
          <Button
            data-testid="import-commit"
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={!file || !report || report.rejectedRows > 0 || report.committed}
            loading={busy === 'commit'}
            onClick={() => run('commit')}
          >
            {t('import.commit')}
          </Button>
        </Space>
        {report && (
          <>
            <Alert
              data-testid="import-summary"
              type={report.committed ? 'success' : report.rejectedRows ? 'error' : 'info'}
              showIcon
              title={
                report.committed
                  ? t('import.committed', { created: report.created })
                  : t('import.summary', { total: report.totalRows, valid: report.validRows, rejected: report.rejectedRows })
              }
            />
            <Table
              data-testid="import-report"
              rowKey="row"
              size="small"
              scroll={{ x: 'max-content' }}
              dataSource={report.rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              rowClassName={(r) => (r.status === 'rejected' ? 'import-row-rejected' : '')}
              columns={[
                { dataIndex: 'row', title: t('import.row'), width: 70 },
                { dataIndex: 'key', title: t('import.key') },
                {
                  dataIndex: 'status',
                  title: t('import.result'),
                  render: (v) => <Tag color={v === 'ok' ? 'green' : 'red'}>{t(`import.${v}`)}</Tag>,
                  filters: [
                    { text: t('import.ok'), value: 'ok' },
                    { text: t('import.rejected'), value: 'rejected' },
                  ],
                  onFilter: (v, r) => r.status === v,
                },
                {
                  key: 'errors',
                  title: t('import.errors'),
                  render: (_, r) => (
                    <Space direction="vertical" size={0}>
                      {r.errors.map((e) => (
                        <span key={`${e.field}-${e.code}`}>
                          <Typography.Text code>{e.field}</Typography.Text> {e.message}
                        </span>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
