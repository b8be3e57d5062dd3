// 分公司日报 (issue 15 §1, R-ORG-1; seed 002 §12): the list by unit, state and day (the head-office
// inbox is the list of signed reports), the prepare button, and one report with its figures, the
// branch manager's review-and-sign (password = e-signature) and head office's acknowledgement.
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Space, Statistic, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type BranchReport, useBranchReport, useMyUnits, usePrepareBranchReport, useReceiveBranchReport, useSignBranchReport } from '../../api/hooks/units';
import { useAbility } from '../../auth';
import { businessToday } from '../../businessDay';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { EnumSelect, UnitSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';

const STATUSES = ['draft', 'signed', 'received'] as const;
const COLORS: Record<string, string> = { draft: 'gold', signed: 'blue', received: 'green' };
const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

export function BranchReportTag({ status }: { status: BranchReport['status'] }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`units.report.statuses.${status}`)}</Tag>;
}

export function BranchReportsPage() {
  const { t } = useTranslation();
  const canPrepare = useAbility('units.prepareBranchReport');
  const [preparing, setPreparing] = useState(false);
  return (
    <>
      <ListPage
        testId="branch-reports"
        title={t('units.menu.reports')}
        endpoint="/api/v1/branch-reports"
        filterKeys={['unitId', 'status']}
        extra={
          canPrepare && (
            <Button type="primary" onClick={() => setPreparing(true)} data-testid="branch-report-new">
              {t('units.report.prepare')}
            </Button>
          )
        }
        filters={({ bind }) => (
          <>
            <UnitSelect placeholder={t('units.unit')} {...bind('unitId')} style={{ width: 200 }} />
            <EnumSelect ns="units.report.statuses" values={STATUSES} placeholder={t('units.report.status')} {...bind('status')} style={{ width: 170 }} />
          </>
        )}
        columns={[
          { key: 'day', dataIndex: 'day', title: t('units.report.day'), sorter: true, render: (v, r) => <Link to={`/branch-reports/${r.id}`}>{v}</Link> },
          { key: 'unit', dataIndex: 'unitName', title: t('units.unit') },
          { key: 'status', title: t('units.report.status'), render: (_, r) => <BranchReportTag status={r.status} /> },
          { key: 'signed', title: t('units.report.signedBy'), render: (_, r) => (r.signedByName ? `${r.signedByName} · ${fmt(r.signedAt)}` : '—') },
          { key: 'received', title: t('units.report.receivedBy'), render: (_, r) => (r.receivedByName ? `${r.receivedByName} · ${fmt(r.receivedAt)}` : '—') },
        ]}
        card={(r) => ({ title: `${r.day} · ${r.unitName}`, tag: <BranchReportTag status={r.status} />, lines: [], to: `/branch-reports/${r.id}` })}
      />
      <PrepareDialog open={preparing} onClose={() => setPreparing(false)} />
    </>
  );
}

function PrepareDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const problem = useProblem();
  const navigate = useNavigate();
  const prepare = usePrepareBranchReport();
  const mine = useMyUnits(open);
  const ok = async () => {
    const v = await validFields(form);
    if (!v) return;
    prepare.mutate(
      { unitId: v.unitId, day: (v.day as dayjs.Dayjs).format('YYYY-MM-DD') },
      { onSuccess: (d) => navigate(`/branch-reports/${d.id}`), onError: fieldErrorsThen(form, problem) },
    );
  };
  return (
    <Dialog open={open} title={t('units.report.prepare')} onOk={ok} onCancel={onClose} confirmLoading={prepare.isPending} okTestId="branch-report-prepare">
      <Form form={form} layout="vertical" initialValues={{ day: businessToday(), unitId: mine.data?.items[0]?.id }} preserve={false}>
        <Form.Item name="unitId" label={t('units.unit')} rules={[{ required: true }]}>
          <UnitSelect data-testid="branch-report-unit" />
        </Form.Item>
        <Form.Item name="day" label={t('units.report.day')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

export function BranchReportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useBranchReport(id);
  const receive = useReceiveBranchReport();
  const problem = useProblem();
  const [signing, setSigning] = useState(false);
  const r = q.data;
  if (!r) return <Card loading={q.isLoading} />;
  const c = r.content;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="branch-report-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          {t('units.menu.reports')} · {r.unitName} · {r.day} <BranchReportTag status={r.status} />
        </PageTitle>
        <Space wrap>
          {r.abilities.sign && (
            <Button type="primary" onClick={() => setSigning(true)} data-testid="branch-report-sign">
              {t('units.report.sign')}
            </Button>
          )}
          {r.abilities.receive && (
            <Button
              type="primary"
              loading={receive.isPending}
              onClick={() => receive.mutate({ id: r.id, version: r.version }, { onError: problem })}
              data-testid="branch-report-receive"
            >
              {t('units.report.receive')}
            </Button>
          )}
        </Space>
      </Space>
      {r.signature && (
        <Alert
          type={r.signatureValid ? 'success' : 'error'}
          showIcon
          message={`${r.signature.meaningText}`}
          description={`${r.signature.signerName} · ${fmt(r.signature.signedAt)} · ${r.signatureValid ? t('units.report.signatureValid') : t('units.report.signatureBroken')}${r.comment ? ` · ${r.comment}` : ''}`}
          data-testid="branch-report-signature"
        />
      )}
      <Card size="small">
        <Space wrap size="large">
          <Statistic title={t('units.report.requests')} value={c.requests.received} />
          <Statistic title={t('units.report.orders')} value={c.totals.orders} />
          <Statistic title={t('units.report.warnings')} value={c.sla.warnings} />
          <Statistic title={t('units.report.breaches')} value={c.sla.breaches} />
          <Statistic title={t('units.report.emergencies')} value={c.openEmergencies.length} />
        </Space>
      </Card>
      <Card size="small" title={t('units.report.engineers')}>
        <Table
          size="small"
          rowKey="userId"
          pagination={false}
          scroll={{ x: true }}
          dataSource={c.engineers}
          columns={[
            { key: 'name', dataIndex: 'name', title: t('units.report.engineers') },
            { key: 'orders', title: t('units.report.orders'), render: (_, e) => e.orderNumbers.join('、') || '—' },
          ]}
        />
      </Card>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('units.report.prepared')}>{r.preparedByName}</Descriptions.Item>
          <Descriptions.Item label={t('units.report.signedBy')}>{r.signedByName ? `${r.signedByName} · ${fmt(r.signedAt)}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('units.report.receivedBy')}>{r.receivedByName ? `${r.receivedByName} · ${fmt(r.receivedAt)}` : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <SignDialog id={r.id} version={r.version} open={signing} onClose={() => setSigning(false)} />
    </Space>
  );
}

function SignDialog({ id, version, open, onClose }: { id: string; version: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const problem = useProblem();
  const sign = useSignBranchReport();
  const ok = async () => {
    const v = await validFields(form);
    if (!v) return;
    sign.mutate({ id, version, password: v.password, comment: v.comment || null }, { onSuccess: () => onClose(), onError: fieldErrorsThen(form, problem) });
  };
  return (
    <Dialog open={open} title={t('units.report.signTitle')} onOk={ok} onCancel={onClose} confirmLoading={sign.isPending} okTestId="branch-report-sign-ok">
      <Form form={form} layout="vertical" preserve={false}>
        <Alert type="info" showIcon message={t('units.report.signHint')} style={{ marginBottom: 16 }} />
        <Form.Item name="comment" label={t('units.report.comment')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="password" label={t('units.report.password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" data-testid="branch-report-password" />
        </Form.Item>
      </Form>
    </Dialog>
  );
}
