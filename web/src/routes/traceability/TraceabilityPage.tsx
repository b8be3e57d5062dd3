// 追溯查询 (R-REG-5, issue 14 §5): "who has it?" — by device (opens its dossier), by part lot or
// serial (every unit it went into or came out of, with the hospital and work order), by model
// (every unit); each result exports to Excel. The tab and the search are kept in the URL.
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, download, qs } from '../../api';
import { usePartTrace } from '../../api/hooks/traceability';
import { useAbility } from '../../auth';
import { ListPage } from '../../components/ListPage';
import { PageTitle } from '../../components/PageTitle';
import { DeviceSelect, EnumSelect, EnumTag, ModelSelect } from '../../components/pickers';
import { StaticTable } from '../../components/StaticTable';

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

function ByDevice() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [device, setDevice] = useState<string | undefined>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('trace.deviceHint')}</Typography.Text>
      <Space wrap>
        <DeviceSelect value={device} onChange={(v) => setDevice(v as string | undefined)} style={{ width: 320 }} data-testid="trace-device" />
        <Button type="primary" disabled={!device} onClick={() => navigate(`/devices/${device}/dossier`)} data-testid="trace-open-dossier">
          {t('trace.openDossier')}
        </Button>
      </Space>
    </Space>
  );
}

function ByPart() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canExport = useAbility('traceability.export');
  const [params, setParams] = useSearchParams();
  const mode = params.get('serial') !== null ? 'serial' : 'lot';
  const code = params.get(mode) ?? '';
  const partCode = params.get('partCode') ?? '';
  const [form] = Form.useForm<{ mode: 'lot' | 'serial'; code: string; partCode?: string }>();
  const query = code ? { [mode]: code, ...(partCode ? { partCode } : {}) } : {};
  const r = usePartTrace(query);
  const search = ({ mode: m, code: c, partCode: p }: { mode: 'lot' | 'serial'; code: string; partCode?: string }) => {
    const next = new URLSearchParams(params);
    for (const k of ['lot', 'serial', 'partCode']) next.delete(k);
    next.set(m, c.trim());
    if (p?.trim()) next.set('partCode', p.trim());
    setParams(next, { replace: true });
  };
  const exportIt = () =>
    download(`/api/v1/traceability/parts/export${qs(query)}`, `trace-${code}.xlsx`).catch((e) =>
      message.error(e instanceof ApiError ? (e.problem.detail ?? String(e)) : String(e)),
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('trace.partHint')}</Typography.Text>
      <Form form={form} layout="inline" initialValues={{ mode, code, partCode }} onFinish={search} style={{ rowGap: 8 }}>
        <Form.Item name="mode">
          <Segmented
            options={[
              { value: 'lot', label: t('trace.lot') },
              { value: 'serial', label: t('trace.serial') },
            ]}
          />
        </Form.Item>
        <Form.Item name="code" rules={[{ required: true, whitespace: true, message: t('trace.lot') }]}>
          <Input placeholder={`${t('trace.lot')} / ${t('trace.serial')}`} allowClear style={{ width: 220 }} data-testid="trace-code" />
        </Form.Item>
        <Form.Item name="partCode">
          <Input placeholder={t('trace.partCode')} allowClear style={{ width: 180 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="trace-search">
          {t('trace.search')}
        </Button>
        {canExport && code && (
          <Button icon={<DownloadOutlined />} onClick={exportIt} style={{ marginLeft: 8 }} data-testid="trace-part-export">
            {t('common.export')}
          </Button>
        )}
      </Form>
      {r.data && (
        <>
          <Typography.Text strong data-testid="trace-found">
            {t('trace.found', { devices: r.data.devices, customers: r.data.customers })}
          </Typography.Text>
          {r.data.truncated && <Alert type="warning" showIcon title={t('trace.truncated')} />}
          <StaticTable
            data-testid="trace-parts-table"
            rowKey="lineId"
            loading={r.isFetching}
            dataSource={r.data.items}
            columns={[
              { key: 'customer', dataIndex: 'customerName', title: t('trace.customer') },
              {
                key: 'device',
                title: t('trace.device'),
                render: (_, x) => <Link to={`/devices/${x.deviceId}/dossier`} data-testid="trace-device-link">{`${x.modelName} ${x.serialNumber}`}</Link>,
              },
              { key: 'status', dataIndex: 'deviceStatus', title: t('trace.deviceStatus'), render: (v) => <EnumTag ns="device.statuses" value={v} /> },
              {
                key: 'direction',
                title: t('trace.direction'),
                render: (_, x) => <Tag color={x.direction === 'fitted' ? 'blue' : 'default'}>{t(`trace.${x.direction}`)}</Tag>,
              },
              { key: 'at', title: t('trace.date'), render: (_, x) => day(x.at) },
              { key: 'wo', title: t('trace.workOrder'), render: (_, x) => <Link to={`/work-orders/${x.workOrderId}`}>{x.workOrderNumber}</Link> },
              { key: 'part', title: t('trace.part'), render: (_, x) => `${x.partNo ?? ''} ${x.partName}`.trim() },
              { key: 'lot', dataIndex: 'lot', title: t('trace.lot'), render: (v) => v || '—' },
              { key: 'in', dataIndex: 'installedSerial', title: t('trace.installedSerial'), render: (v) => v ?? '—' },
              { key: 'out', dataIndex: 'removedSerial', title: t('trace.removedSerial'), render: (v) => v ?? '—' },
            ]}
          />
        </>
      )}
      {r.error && <Alert type="error" showIcon title={r.error instanceof ApiError ? r.error.problem.detail : String(r.error)} />}
    </Space>
  );
}

function ByModel() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const modelId = params.get('modelId') ?? undefined;
  const pick = (v: unknown) => {
    const next = new URLSearchParams(params);
    for (const k of ['modelId', 'page', 'q', 'sort', 'status', 'softwareVersion']) next.delete(k);
    if (typeof v === 'string' && v) next.set('modelId', v);
    setParams(next, { replace: true });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('trace.modelHint')}</Typography.Text>
      <ModelSelect value={modelId} onChange={pick} style={{ width: 320 }} data-testid="trace-model" />
      {modelId && (
        <ListPage
          testId="trace-model-units"
          title={t('trace.tabs.model')}
          compact
          endpoint="/api/v1/traceability/models"
          exportEndpoint="/api/v1/traceability/models/export"
          exportName="units-of-model.xlsx"
          fixedParams={{ modelId }}
          rowKey="deviceId"
          filterKeys={['status', 'softwareVersion']}
          filters={({ bind }) => (
            <>
              <EnumSelect
                ns="device.statuses"
                values={['in_service', 'down', 'safety_hold', 'retired']}
                placeholder={t('trace.deviceStatus')}
                {...bind('status')}
                style={{ width: 140 }}
              />
              <Input
                placeholder={t('trace.softwareVersion')}
                allowClear
                style={{ width: 160 }}
                value={bind('softwareVersion').value}
                onChange={(e) => bind('softwareVersion').onChange(e.target.value || undefined)}
              />
            </>
          )}
          columns={[
            { key: 'customerName', dataIndex: 'customerName', title: t('trace.customer'), sorter: true },
            {
              key: 'serialNumber',
              title: t('trace.serial'),
              sorter: true,
              render: (_, r) => <Link to={`/devices/${r.deviceId}/dossier`}>{r.serialNumber}</Link>,
            },
            { key: 'softwareVersion', dataIndex: 'softwareVersion', title: t('trace.softwareVersion'), sorter: true, render: (v) => v ?? '—' },
            { key: 'status', dataIndex: 'status', title: t('trace.deviceStatus'), render: (v) => <EnumTag ns="device.statuses" value={v} /> },
            { key: 'site', title: t('trace.site'), render: (_, r) => [r.siteName, r.location].filter(Boolean).join(' · ') || '—' },
          ]}
          card={(r) => ({
            title: r.serialNumber,
            tag: <EnumTag ns="device.statuses" value={r.status} />,
            lines: [<span key="c">{r.customerName}</span>, <span key="v">{r.softwareVersion ?? '—'}</span>],
            to: `/devices/${r.deviceId}/dossier`,
          })}
        />
      )}
    </Space>
  );
}

export function TraceabilityPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'part';
  return (
    <Card title={<PageTitle>{t('trace.title')}</PageTitle>} data-testid="traceability-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(new URLSearchParams({ tab: k }), { replace: true })}
        items={[
          { key: 'device', label: t('trace.tabs.device'), children: <ByDevice /> },
          { key: 'part', label: t('trace.tabs.part'), children: <ByPart /> },
          { key: 'model', label: t('trace.tabs.model'), children: <ByModel /> },
        ]}
      />
    </Card>
  );
}
