// The loaner pool (备用机, R-SLA-3): every unit with its availability, open and past loans with
// a search box (serials, customer, request number) and filters (open/returned, device,
// customer), the 归还 action, and adding a device to the pool for admins and service managers.
import { PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Loan, type LoanerUnit, useAddLoanerUnit, useLoanerUnits, useLoans } from '../../../../api/hooks/loans';
import { useAbility } from '../../../../auth';
import { Dialog } from '../../../../components/Dialog';
import { CustomerSelect } from '../../../../components/pickers';
import { applyFieldErrors } from '../../../../components/RecordForm';
import { StaticTable } from '../../../../components/StaticTable';
import { fmtTime, saveErrorText } from '../../common';
import { DevicePicker } from '../../components/DevicePicker';
import { LoanOutcomeTag, LoanStatusTag, ReturnLoanDialog } from '../../work-order/components/LoanerSection';

export function LoansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canPool = useAbility('requests.readLoanerPool');
  const canManage = useAbility('requests.manageLoanerPool');
  const canLend = useAbility('requests.lend');
  const [open, setOpen] = useState<'true' | 'false' | ''>('true');
  const [deviceId, setDeviceId] = useState<string | undefined>();
  const [customerId, setCustomerId] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [returning, setReturning] = useState<Loan | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ deviceId: string; notes?: string }>();

  const pool = useLoanerUnits(canPool);
  const loans = useLoans({ q, open: open || undefined, deviceId, customerId, page, pageSize: 20, sort: '-lentAt' });
  const addUnit = useAddLoanerUnit();

  const add = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    addUnit.mutate(
      { deviceId: v.deviceId, ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}) },
      {
        onSuccess: () => {
          message.success(t('svcLoans.pool.added'));
          setAdding(false);
          form.resetFields();
        },
        onError: (e) => applyFieldErrors(form, e),
      },
    );
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="loans-page">
      {canPool && (
        <Card
          size="small"
          title={t('svcLoans.pool.title')}
          data-testid="loaner-pool"
          extra={
            canManage && (
              <Button icon={<PlusOutlined />} data-testid="pool-add" onClick={() => setAdding(true)}>
                {t('svcLoans.pool.add')}
              </Button>
            )
          }
        >
          <StaticTable<LoanerUnit>
            loading={pool.isLoading}
            dataSource={pool.data ?? []}
            columns={[
              {
                title: t('svcLoans.pool.serial'),
                dataIndex: 'serialNumber',
                render: (v: string, u) => <Link to={`/devices/${u.deviceId}`}>{v}</Link>,
              },
              { title: t('svcLoans.pool.model'), dataIndex: 'modelName' },
              {
                title: t('svcLoans.loan.status'),
                key: 'available',
                render: (_, u) =>
                  !u.active ? (
                    <Tag>{t('svcLoans.pool.inactive')}</Tag>
                  ) : u.available ? (
                    <Tag color="green" data-testid={`pool-available-${u.serialNumber}`}>
                      {t('svcLoans.pool.available')}
                    </Tag>
                  ) : (
                    <Tag color="orange" data-testid={`pool-lent-${u.serialNumber}`}>
                      {t('svcLoans.pool.lentOut')}
                    </Tag>
                  ),
              },
              { title: t('svcLoans.pool.owner'), dataIndex: 'ownerName', responsive: ['md'] },
              { title: t('svcLoans.loan.notes'), dataIndex: 'notes', responsive: ['lg'], render: (v: string | null) => v ?? '' },
            ]}
          />
        </Card>
      )}

      <Card size="small" title={t('svcLoans.loans.title')} data-testid="loans-list">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            data-testid="loans-search"
            allowClear
            placeholder={t('svcLoans.loans.search')}
            onSearch={(v) => {
              setQ(v.trim() || undefined);
              setPage(1);
            }}
            style={{ width: 260, maxWidth: '100%' }}
            maxLength={100}
          />
          <Segmented
            data-testid="loans-open"
            value={open}
            onChange={(v) => {
              setOpen(v as typeof open);
              setPage(1);
            }}
            options={[
              { value: 'true', label: t('svcLoans.loans.open') },
              { value: 'false', label: t('svcLoans.loans.past') },
              { value: '', label: t('svcLoans.loans.all') },
            ]}
          />
          <div style={{ minWidth: 240 }}>
            <DevicePicker
              testId="loans-device"
              value={deviceId}
              onChange={(id) => {
                setDeviceId(id);
                setPage(1);
              }}
            />
          </div>
          <CustomerSelect
            allowClear
            placeholder={t('svcLoans.loan.customer')}
            style={{ width: 220 }}
            value={customerId}
            onChange={(id: string | undefined) => {
              setCustomerId(id);
              setPage(1);
            }}
          />
        </Space>
        <Table<Loan>
          rowKey="id"
          size="small"
          loading={loans.isLoading}
          dataSource={loans.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: 20, total: loans.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }}
          columns={[
            {
              title: t('svcLoans.loan.unit'),
              key: 'unit',
              render: (_, l) => (
                <span>
                  {l.loanerSerial} <Typography.Text type="secondary">{l.loanerModel}</Typography.Text>
                </span>
              ),
            },
            { title: t('svcLoans.loan.status'), dataIndex: 'status', render: (v: Loan['status']) => <LoanStatusTag value={v} /> },
            { title: t('svcLoans.loan.request'), dataIndex: 'requestNumber', render: (v: string, l) => <Link to={`/requests/${l.requestId}`}>{v}</Link> },
            { title: t('svcLoans.loan.customer'), dataIndex: 'customerName' },
            { title: t('svcLoans.loan.served'), dataIndex: 'servedSerial', responsive: ['md'] },
            { title: t('svcLoans.loan.lentAt'), dataIndex: 'lentAt', render: (v: string, l) => `${fmtTime(v)} · ${l.lentByName}` },
            {
              title: t('svcLoans.loan.dueAt'),
              dataIndex: 'dueAt',
              responsive: ['md'],
              render: (v: string, l) => (
                <span>
                  {fmtTime(v)} <LoanOutcomeTag value={l.outcome} />
                </span>
              ),
            },
            {
              title: t('svcLoans.loan.returnedAt'),
              key: 'returned',
              render: (_, l) =>
                l.status === 'returned' ? (
                  `${fmtTime(l.returnedAt)} · ${l.returnCondition ?? ''}`
                ) : canLend ? (
                  <Button size="small" icon={<RollbackOutlined />} data-testid={`loans-return-${l.loanerSerial}`} onClick={() => setReturning(l)}>
                    {t('svcLoans.loan.return')}
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>

      <ReturnLoanDialog loan={returning} onClose={() => setReturning(null)} />
      <Dialog
        open={adding}
        title={t('svcLoans.pool.addTitle')}
        onCancel={() => {
          addUnit.reset();
          setAdding(false);
        }}
        confirmLoading={addUnit.isPending}
        okTestId="pool-add-ok"
        onOk={add}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="deviceId" label={t('svcLoans.pool.device')} rules={[{ required: true }]}>
            <DevicePicker testId="pool-device" />
          </Form.Item>
          <Form.Item name="notes" label={t('svcLoans.loan.notes')} rules={[{ max: 500 }]}>
            <Input />
          </Form.Item>
        </Form>
        {addUnit.error && <Alert type="error" showIcon title={saveErrorText(addUnit.error, t)} data-testid="pool-add-error" />}
      </Dialog>
    </Space>
  );
}
