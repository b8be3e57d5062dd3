// 收费标准 (R-FE-1): the price list for paid service — labour per hour, call-out fee, travel
// per km or per zone. Staff read it; finance and administrators save a new version, effective
// now or later (jobs already received keep their prices).

import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Space, Spin, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PriceList, usePriceList, useSavePriceList } from '../../../../api/hooks/fees';
import { useAbility } from '../../../../auth';
import { Dialog } from '../../../../components/Dialog';
import { PageTitle } from '../../../../components/PageTitle';
import { StaticTable } from '../../../../components/StaticTable';
import { ErrorResult } from '../../blocks';
import { saveErrorText } from '../../common';
import { applyNested } from '../forms';

const REGIONS = ['urban', 'suburban', 'remote'] as const;

export function PriceListPage() {
  const { t } = useTranslation();
  const k = (s: string, o?: Record<string, unknown>) => t(`svcAdmin.price.${s}`, o);
  const { message } = App.useApp();
  const canEdit = useAbility('workorders.editPrices');
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const q = usePriceList();
  const saveList = useSavePriceList();
  const error = saveList.error;
  if (q.isLoading) return <Spin />;
  if (q.error) return <ErrorResult error={q.error} />;
  const current = q.data?.current ?? null;
  const versions = q.data?.versions ?? [];
  const latest = versions[0];
  const money = (p: PriceList, v: string) => `${p.currency} ${Number(v).toFixed(2)}`;
  const travel = (p: PriceList) =>
    p.travelMode === 'per_km'
      ? `${money(p, p.travelPerKm)} / km`
      : REGIONS.map((r) => `${t(`customer.regions.${r}`)} ${money(p, p.travelZones[r])}`).join('，');

  const openEdit = () => {
    const base = latest ?? current;
    saveList.reset();
    form.setFieldsValue(
      base
        ? {
            currency: base.currency,
            labourPerHour: Number(base.labourPerHour),
            callOutFee: Number(base.callOutFee),
            travelMode: base.travelMode,
            travelPerKm: Number(base.travelPerKm),
            travelZones: { urban: Number(base.travelZones.urban), suburban: Number(base.travelZones.suburban), remote: Number(base.travelZones.remote) },
            effectiveFrom: null,
            note: '',
          }
        : { currency: 'CNY', travelMode: 'per_zone', labourPerHour: 0, callOutFee: 0, travelPerKm: 0, travelZones: { urban: 0, suburban: 0, remote: 0 } },
    );
    setEditing(true);
  };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    saveList.mutate(
      {
        version: latest?.versionNo ?? 0,
        currency: v.currency.trim().toUpperCase(),
        labourPerHour: String(v.labourPerHour ?? 0),
        callOutFee: String(v.callOutFee ?? 0),
        travelMode: v.travelMode,
        travelPerKm: String(v.travelPerKm ?? 0),
        travelZones: Object.fromEntries(REGIONS.map((r) => [r, String(v.travelZones?.[r] ?? 0)])) as Record<(typeof REGIONS)[number], string>,
        ...(v.effectiveFrom ? { effectiveFrom: (v.effectiveFrom as Dayjs).toISOString() } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: (saved) => {
          message.success(k('saved', { v: saved.versionNo }));
          setEditing(false);
        },
        onError: (e) => applyNested(form, e),
      },
    );
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="price-list">
      <Card
        title={<PageTitle>{k('title')}</PageTitle>}
        extra={
          canEdit && (
            <Button data-testid="price-edit" type="primary" icon={<EditOutlined />} onClick={openEdit}>
              {k('edit')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{k('intro')}</Typography.Paragraph>
        {current ? (
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="price-current">
            <Descriptions.Item label={k('versionNo')}>
              v{current.versionNo} <Tag color="green">{k('current')}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={k('effectiveFrom')}>{dayjs(current.effectiveFrom).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
            <Descriptions.Item label={k('labourPerHour')}>
              <span data-testid="price-labour">{money(current, current.labourPerHour)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={k('callOutFee')}>{money(current, current.callOutFee)}</Descriptions.Item>
            <Descriptions.Item label={k('travelMode')} span={2}>
              {travel(current)}
            </Descriptions.Item>
            {current.note && (
              <Descriptions.Item label={k('note')} span={2}>
                {current.note}
              </Descriptions.Item>
            )}
          </Descriptions>
        ) : (
          <Alert type="info" showIcon title={k('none')} />
        )}
      </Card>
      <Card size="small" title={k('versions')}>
        <StaticTable<PriceList>
          data-testid="price-versions"
          dataSource={versions}
          columns={[
            {
              dataIndex: 'versionNo',
              title: k('versionNo'),
              render: (v: number, p) => (
                <Space>
                  v{v}
                  {p.id === current?.id && <Tag color="green">{k('current')}</Tag>}
                  {dayjs(p.effectiveFrom).isAfter(dayjs()) && <Tag color="blue">{t('svcAdmin.sla.scheduled')}</Tag>}
                </Space>
              ),
            },
            { dataIndex: 'effectiveFrom', title: k('effectiveFrom'), render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
            { dataIndex: 'labourPerHour', title: k('labourPerHour'), render: (v: string, p) => money(p, v) },
            { dataIndex: 'callOutFee', title: k('callOutFee'), render: (v: string, p) => money(p, v) },
            { key: 'travel', title: k('travelMode'), render: (_: unknown, p) => travel(p) },
            { dataIndex: 'note', title: k('note') },
            { dataIndex: 'createdByName', title: k('createdBy') },
          ]}
        />
      </Card>
      <Dialog
        open={editing}
        title={k('edit')}
        onCancel={() => setEditing(false)}
        onOk={save}
        confirmLoading={saveList.isPending}
        width={620}
        forceRender
        okTestId="price-save"
        destroyOnHidden={false}
      >
        <Form form={form} layout="vertical" data-testid="price-form">
          <Space wrap align="start">
            <Form.Item name="currency" label={k('currency')} rules={[{ required: true, pattern: /^[A-Za-z]{3}$/, message: t('contract.currencyFormat') }]}>
              <Input style={{ width: 100 }} maxLength={3} />
            </Form.Item>
            <Form.Item name="labourPerHour" label={k('labourPerHour')} rules={[{ required: true }]}>
              <InputNumber data-testid="price-labour-input" min={0} step={10} precision={2} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="callOutFee" label={k('callOutFee')} rules={[{ required: true }]}>
              <InputNumber min={0} step={10} precision={2} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item name="travelMode" label={k('travelMode')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'per_zone', label: k('zones') },
                { value: 'per_km', label: k('travelPerKm') },
              ]}
            />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="travelPerKm" label={k('travelPerKm')} rules={[{ required: true }]}>
              <InputNumber min={0} step={0.5} precision={2} style={{ width: 120 }} />
            </Form.Item>
            {REGIONS.map((r) => (
              <Form.Item key={r} name={['travelZones', r]} label={t(`customer.regions.${r}`)} rules={[{ required: true }]}>
                <InputNumber min={0} step={10} precision={2} style={{ width: 120 }} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="effectiveFrom" label={k('effectiveFrom')} extra={k('effectiveHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
          </Form.Item>
          <Form.Item name="note" label={k('note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={saveErrorText(error, t)} data-testid="price-error" />}
      </Dialog>
    </Space>
  );
}
