// Safety holds (停用, issue 14 §1, R-REG-1): the register (open/closed, hospital, search, paging,
// Excel export; cards on a phone), one hold with its photos and the release (a reviewed
// verification work order + the password again, R-AU-1) or retire dialogs, the red banner every
// screen showing a unit puts on top (device page, work order, portal), and the place-hold dialog.
import { StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type DeviceHold, type DeviceHoldDetail, type HoldSummary, useHold, usePlaceHold, useReleaseHold, useRetireHold } from '../../api/hooks/holds';
import { useAbility, useMe } from '../../auth';
import { AttachmentsPanel } from '../../components/attachments/AttachmentsPanel';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { CustomerSelect, EnumSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';

const fmt = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** The red 停用：请勿使用 banner with the reason, on every screen showing a held unit. */
export function HoldBanner({ hold, link = true }: { hold: HoldSummary | null | undefined; link?: boolean }) {
  const { t } = useTranslation();
  const hospital = !!useMe().customerId;
  if (!hold) return null;
  return (
    <Alert
      type="error"
      showIcon
      icon={<StopOutlined />}
      data-testid="hold-banner"
      title={<strong>{t('holds.banner')}</strong>}
      description={
        <Space direction="vertical" size={0}>
          {hospital && <span>{t('holds.bannerPortal')}</span>}
          <span>
            {t('holds.reason')}：{hold.reason}
          </span>
          <span>
            {t('holds.since')}：{fmt(hold.since)} {link && <Link to={`/device-holds/${hold.id}`}>→</Link>}
          </span>
        </Space>
      }
    />
  );
}

export function HoldStateTag({ h }: { h: Pick<DeviceHold, 'open' | 'outcome'> }) {
  const { t } = useTranslation();
  const key = h.open ? 'open' : (h.outcome ?? 'released');
  return <Tag color={h.open ? 'red' : key === 'retired' ? 'default' : 'green'}>{t(`holds.state.${key}`)}</Tag>;
}

/** 停用设备: the device page's button and dialog (anyone in service). */
export function PlaceHoldButton({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const can = useAbility('holds.place');
  const problem = useProblem();
  const place = usePlaceHold();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  if (!can) return null;
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    place.mutate(
      { deviceId, reason: v.reason },
      {
        // The device page re-renders with the red banner (which links to the hold) and hides this button.
        onSuccess: () => setOpen(false),
        onError: fieldErrorsThen(form, problem),
      },
    );
  };
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="hold-place">
        {t('holds.place')}
      </Button>
      <Dialog
        open={open}
        title={t('holds.place')}
        onCancel={() => setOpen(false)}
        onOk={save}
        confirmLoading={place.isPending}
        okTestId="hold-place-save"
        destroyOnHidden
      >
        <Typography.Paragraph type="warning">{t('holds.placeHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('holds.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} placeholder={t('holds.reasonPh')} data-testid="hold-reason" />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{t('holds.photosAfter')}</Typography.Text>
      </Dialog>
    </>
  );
}

export function HoldsPage() {
  const { t } = useTranslation();
  const hospital = !!useMe().customerId;
  return (
    <ListPage
      testId="holds"
      title={t('holds.menu.list')}
      endpoint="/api/v1/device-holds"
      exportEndpoint="/api/v1/device-holds/export"
      exportName="device-holds.xlsx"
      filterKeys={['state', 'customerId']}
      filters={({ bind }) => (
        <>
          <EnumSelect
            ns="holds.states"
            values={['open', 'closed']}
            placeholder={t('holds.states.open')}
            {...bind('state')}
            style={{ width: 120 }}
            data-testid="filter-state"
          />
          {!hospital && <CustomerSelect placeholder={t('holds.customer')} {...bind('customerId')} style={{ width: 200 }} />}
        </>
      )}
      columns={[
        {
          key: 'serial',
          title: t('holds.device'),
          render: (_, r) => <Link to={`/device-holds/${r.id}`}>{`${r.modelName} ${r.serialNumber}`}</Link>,
        },
        { key: 'customer', dataIndex: 'customerName', title: t('holds.customer') },
        { key: 'reason', dataIndex: 'reason', title: t('holds.reason'), ellipsis: true },
        { key: 'placedAt', dataIndex: 'placedAt', title: t('holds.since'), sorter: true, render: (v) => fmt(v) },
        { key: 'state', title: t('holds.states.open'), render: (_, r) => <HoldStateTag h={r} /> },
        { key: 'closedAt', dataIndex: 'closedAt', title: t('holds.closedAt'), sorter: true, render: (v) => fmt(v) },
      ]}
      card={(r) => ({
        title: `${r.modelName} ${r.serialNumber}`,
        tag: <HoldStateTag h={r} />,
        lines: [
          <span key="c">{r.customerName}</span>,
          <span key="r">
            {t('holds.reason')}：{r.reason}
          </span>,
          <span key="s">
            {t('holds.since')}：{fmt(r.placedAt)}
          </span>,
        ],
        to: `/device-holds/${r.id}`,
      })}
    />
  );
}

type Action = 'release' | 'retire' | null;

export function HoldPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useHold(id);
  const canPlace = useAbility('holds.place');
  const [action, setAction] = useState<Action>(null);
  const h = q.data;
  if (!h) return <Card loading={q.isLoading} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="hold-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>
          {t('holds.menu.list')} · {h.modelName} {h.serialNumber} <HoldStateTag h={h} />
        </PageTitle>
        <Space wrap>
          {h.abilities.release && (
            <Button type="primary" onClick={() => setAction('release')} data-testid="hold-release">
              {t('holds.release')}
            </Button>
          )}
          {h.abilities.retire && (
            <Button danger onClick={() => setAction('retire')} data-testid="hold-retire">
              {t('holds.retire')}
            </Button>
          )}
        </Space>
      </Space>
      {h.open && <HoldBanner hold={{ id: h.id, since: h.placedAt, reason: h.reason }} link={false} />}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('holds.device')}>
            <Link to={`/devices/${h.deviceId}`}>
              {h.modelName} {h.serialNumber}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('holds.customer')}>{h.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('holds.reason')}>{h.reason}</Descriptions.Item>
          <Descriptions.Item label={t('holds.since')}>{fmt(h.placedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('holds.placedBy')}>{h.placedByName}</Descriptions.Item>
          {!h.open && (
            <>
              <Descriptions.Item label={t('holds.closedAt')}>{fmt(h.closedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('holds.closedBy')}>{h.closedByName}</Descriptions.Item>
              {h.releaseWorkOrderId && (
                <Descriptions.Item label={t('holds.workOrder')}>
                  <Link to={`/work-orders/${h.releaseWorkOrderId}`}>{h.releaseWorkOrderNumber}</Link>
                </Descriptions.Item>
              )}
              {h.releaseEvidence && <Descriptions.Item label={t('holds.evidence')}>{h.releaseEvidence}</Descriptions.Item>}
              {h.closingNote && (
                <Descriptions.Item label={h.outcome === 'retired' ? t('holds.retireReason') : t('holds.note')}>{h.closingNote}</Descriptions.Item>
              )}
              {h.signatureMeaning && (
                <Descriptions.Item label={t('holds.signature')}>
                  {h.closedByName} · {fmt(h.closedAt)} · {h.signatureMeaning}
                  <br />
                  <Typography.Text type="secondary" copyable={{ text: h.signatureHash ?? '' }}>
                    {t('holds.hash')} {h.signatureHash?.slice(0, 16)}…
                  </Typography.Text>
                </Descriptions.Item>
              )}
            </>
          )}
        </Descriptions>
      </Card>
      <AttachmentsPanel ownerKind="device_hold" ownerId={h.id} canUpload={h.open && canPlace} title={t('holds.photos')} />
      <ActionDialog h={h} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}

function ActionDialog({ h, action, onClose }: { h: DeviceHoldDetail; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const [form] = Form.useForm();
  const release = useReleaseHold();
  const retire = useRetireHold();
  const done = {
    onSuccess: () => {
      form.resetFields();
      onClose();
    },
    onError: fieldErrorsThen(form, problem),
  };
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    const base = { id: h.id, version: h.version };
    if (action === 'release') release.mutate({ ...base, workOrderId: v.workOrderId, password: v.password, note: v.note || null }, done);
    if (action === 'retire') retire.mutate({ ...base, reason: v.reason }, done);
  };
  return (
    <Dialog
      open={action !== null}
      title={action === 'release' ? t('holds.release') : t('holds.retire')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={release.isPending || retire.isPending}
      okTestId="hold-action-save"
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {action === 'release' && (
          <>
            <Typography.Paragraph type="secondary">{t('holds.releaseHint')}</Typography.Paragraph>
            {h.verifications.length === 0 && <Alert type="warning" showIcon title={t('holds.noVerification')} />}
            <Form.Item name="workOrderId" label={t('holds.workOrder')} rules={[{ required: true }]}>
              <Select
                data-testid="hold-workorder"
                options={h.verifications.map((w) => ({
                  value: w.id,
                  disabled: w.refusal !== null,
                  label: `${w.number} · ${fmt(w.resolvedAt)}${w.refusal ? ` · ${t(`holds.refusals.${w.refusal}`, { defaultValue: w.refusal })}` : ` · ${w.testResults ?? ''}`}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('holds.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="password" label={t('holds.password')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" data-testid="hold-password" />
            </Form.Item>
          </>
        )}
        {action === 'retire' && (
          <>
            <Typography.Paragraph type="warning">{t('holds.retireHint')}</Typography.Paragraph>
            <Form.Item name="reason" label={t('holds.retireReason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} data-testid="hold-retire-reason" />
            </Form.Item>
          </>
        )}
      </Form>
    </Dialog>
  );
}
