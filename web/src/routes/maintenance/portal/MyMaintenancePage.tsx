// 保养预约 in the hospital portal (issue 13 §1, R-PM-1; seed 002 事先告知客户): the hospital's own
// planned maintenance visits; it confirms one or asks for another date with a reason, which the
// planner sees on the plan screen. Cards, so it reads on a 390 px phone.
import { App as AntApp, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { type MaintenanceVisit, useMaintenanceVisits, useRespondMaintenanceVisit } from '../../../api/hooks/maintenancePlans';
import { businessToday } from '../../../businessDay';
import { PageTitle } from '../../../components/PageTitle';
import { FLAG_COLORS } from '../plans/MaintenancePlansPage';

function RescheduleDialog({ visit, onClose }: { visit: MaintenanceVisit; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const respond = useRespondMaintenanceVisit();
  const { message } = AntApp.useApp();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await respond.mutateAsync({
        id: visit.id,
        body: { version: visit.version, response: 'reschedule', requestedDate: v.requestedDate.format('YYYY-MM-DD'), reason: v.reason },
      });
      message.success(t('maintenance.portal.requested'));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.problem.fields?.length) form.setFields(err.problem.fields.map((f) => ({ name: f.field, errors: [f.message] })));
      else message.error(err instanceof ApiError ? (err.problem.detail ?? err.message) : String(err));
    }
  };
  return (
    <Modal open title={t('maintenance.portal.reschedule')} onCancel={onClose} onOk={save} confirmLoading={respond.isPending} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="requestedDate" label={t('maintenance.portal.requestedDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(businessToday().add(1, 'day'), 'day')} data-testid="portal-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('maintenance.portal.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="portal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MyMaintenancePage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const list = useMaintenanceVisits({ pageSize: 100, sort: 'plannedDate', year: businessToday().year() });
  const next = useMaintenanceVisits({ pageSize: 100, sort: 'plannedDate', year: businessToday().year() + 1 });
  const respond = useRespondMaintenanceVisit();
  const [asking, setAsking] = useState<MaintenanceVisit | null>(null);
  const visits = [...(list.data?.items ?? []), ...(next.data?.items ?? [])].filter((v) => v.status !== 'cancelled');
  const confirm = async (v: MaintenanceVisit) => {
    try {
      await respond.mutateAsync({ id: v.id, body: { version: v.version, response: 'confirm' } });
      message.success(t('maintenance.portal.confirmed'));
    } catch (err) {
      message.error(err instanceof ApiError ? (err.problem.detail ?? err.message) : String(err));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="my-maintenance">
      <PageTitle title={t('maintenance.menu.portal')} />
      <Typography.Paragraph type="secondary">{t('maintenance.portal.hint')}</Typography.Paragraph>
      {visits.length === 0 && !list.isLoading ? (
        <Empty />
      ) : (
        <List
          loading={list.isLoading}
          dataSource={visits}
          renderItem={(v) => {
            const answerable = ['planned', 'notified', 'confirmed', 'reschedule_requested'].includes(v.status);
            return (
              <List.Item>
                <Card size="small" style={{ width: '100%' }} data-testid={`portal-visit-${v.id}`}>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Space wrap>
                      <Typography.Text strong>{v.plannedDate}</Typography.Text>
                      <Tag color={FLAG_COLORS[v.flag]}>{t(`maintenance.plans.status.${v.status}`)}</Tag>
                    </Space>
                    <Typography.Text>
                      {v.modelName} {v.serialNumber}
                    </Typography.Text>
                    {v.engineerName && <Typography.Text type="secondary">{t('maintenance.portal.engineer', { name: v.engineerName })}</Typography.Text>}
                    {v.requestedDate && (
                      <Typography.Text type="warning">
                        {t('maintenance.plans.requestedBy', { date: v.requestedDate, reason: v.requestReason ?? '' })}
                      </Typography.Text>
                    )}
                    {answerable && (
                      <Space wrap>
                        {v.status !== 'confirmed' && (
                          <Button type="primary" size="small" loading={respond.isPending} onClick={() => confirm(v)} data-testid="portal-confirm">
                            {t('maintenance.portal.confirm')}
                          </Button>
                        )}
                        <Button size="small" onClick={() => setAsking(v)} data-testid="portal-reschedule">
                          {t('maintenance.portal.reschedule')}
                        </Button>
                      </Space>
                    )}
                  </Space>
                </Card>
              </List.Item>
            );
          }}
        />
      )}
      {asking && <RescheduleDialog visit={asking} onClose={() => setAsking(null)} />}
    </Space>
  );
}
