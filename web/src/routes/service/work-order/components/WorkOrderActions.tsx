// The work order's next steps as big buttons, primary first, exactly as the server orders the
// caller's actions (issue 10 item 10, workorders.rules actionsFor) and allows them
// (`wo.abilities`, issue 11 item 3). A step that takes a reason asks for it first; dispatching
// opens the dispatch dialog, signing scrolls to the signature card.
import {
  CarOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  EnvironmentOutlined,
  InboxOutlined,
  LockOutlined,
  ToolOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Col, Form, Grid, Input, Row } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api';
import { useTransition, useWorkOrder, type WoAction, type WorkOrder, type WoStatus } from '../../../../api/hooks/workOrders';
import { Dialog } from '../../../../components/Dialog';
import { validFields } from '../../../../components/forms';
import { hasQueued } from '../../../../offline/sync';
import { saveErrorText } from '../../common';
import { DispatchDialog } from '../../components/DispatchDialog';

const STEP_ICONS: Partial<Record<WoStatus, ReactNode>> = {
  accepted: <CheckCircleOutlined />,
  on_the_way: <CarOutlined />,
  on_site: <EnvironmentOutlined />,
  waiting_parts: <InboxOutlined />,
  taken_back: <ToolOutlined />,
  resolved: <CheckCircleOutlined />,
  cancelled: <CloseCircleOutlined />,
  closed: <LockOutlined />,
};

/** Issue 16 §3: the phone's step bar, fixed at the bottom of the screen (the page leaves room under it). */
const STICKY_BAR: React.CSSProperties = {
  position: 'fixed',
  left: 0,
  right: 0,
  bottom: 0,
  zIndex: 30,
  borderRadius: 0,
  boxShadow: '0 -2px 8px rgba(0,0,0,0.12)',
  paddingBottom: 'env(safe-area-inset-bottom)',
};

export function WorkOrderActions({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = wo.abilities;
  const phone = !Grid.useBreakpoint().md;
  const transition = useTransition();
  const { refetch } = useWorkOrder(wo.id);
  const [reasonFor, setReasonFor] = useState<WoStatus | null>(null);
  const [dispatching, setDispatching] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();

  const step = (to: WoStatus, reason?: string, done?: () => void) =>
    transition.mutate(
      { id: wo.id, version: wo.version, to, ...(reason ? { reason } : {}) },
      {
        onSuccess: () => {
          const status = t(`service.woKindSteps.${wo.kind}.${to}`, { defaultValue: t(`service.woStatuses.${to}`) });
          // Issue 16 §1: a step taken without a signal is kept on the phone, not yet done on the server.
          if (hasQueued(wo.id)) message.info(t('offline.stepKept', { status }));
          else message.success(t('workOrder.stepDone', { status }));
          done?.();
        },
        onError: (e) => {
          // The server asks for a reason the step did not say it needed: ask for it.
          if (e instanceof ApiError && e.problem.code === 'reason_required' && !reason) return setReasonFor(to);
          message.error(saveErrorText(e, t));
          refetch();
        },
      },
    );

  // The review and take-back have panels of their own further down.
  const shown = wo.nextActions.filter(
    (a) =>
      (a.via === 'transition' && (a.to === 'cancelled' ? can.cancel : can.transition)) ||
      (a.via === 'sign' && can.sign) ||
      (a.via === 'dispatch' && can.dispatch),
  );
  const reopen = (to: WoStatus) => wo.status === 'resolved' && to === 'on_site';
  const label = (a: WoAction) =>
    a.via === 'sign'
      ? t('next.sign')
      : a.via === 'dispatch'
        ? wo.status === 'new'
          ? t('dispatch.assign')
          : t('dispatch.reassign')
        : a.emphasis === 'back' && wo.status === 'resolved'
          ? t('workOrder.steps.reopen')
          : // Issue 12: an installation's "resolved" is 安装调试完成, a training's 培训完成.
            t(`workOrder.kindSteps.${wo.kind}.${a.to}`, { defaultValue: t(`workOrder.steps.${a.to}`) });
  const take = (a: WoAction) => {
    if (a.via === 'sign') return document.getElementById('wo-sign')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    if (a.via === 'dispatch') return setDispatching(true);
    return a.reason ? setReasonFor(a.to) : step(a.to);
  };

  return (
    <>
      {shown.length > 0 && (
        <Card
          size="small"
          title={phone ? undefined : t('workOrder.nextSteps')}
          data-testid="wo-actions"
          data-sticky={phone ? 'true' : 'false'}
          // Issue 16 §3: on a phone the step buttons stay at the bottom of the screen, under the thumb.
          style={phone ? STICKY_BAR : undefined}
          styles={phone ? { body: { padding: 8 } } : undefined}
        >
          <Row gutter={[8, 8]}>
            {shown.map((a) => (
              <Col key={`${a.via}-${a.to}`} xs={a.emphasis === 'primary' || shown.length === 1 ? 24 : 12} sm={12} md={8}>
                <Button
                  data-testid={a.via === 'sign' ? 'step-sign' : a.via === 'dispatch' ? 'wo-dispatch' : `step-${a.to}`}
                  data-emphasis={a.emphasis}
                  block
                  size="large"
                  style={{ height: a.emphasis === 'primary' ? 56 : 48, fontSize: a.emphasis === 'primary' ? 17 : 15 }}
                  type={a.emphasis === 'primary' ? 'primary' : 'default'}
                  danger={a.emphasis === 'cancel'}
                  icon={a.via === 'sign' ? <EditOutlined /> : a.via === 'dispatch' ? <UserSwitchOutlined /> : STEP_ICONS[a.to]}
                  loading={a.via === 'transition' && transition.isPending && transition.variables.to === a.to}
                  onClick={() => take(a)}
                >
                  {label(a)}
                </Button>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      <Dialog
        open={!!reasonFor}
        title={reasonFor ? t(reopen(reasonFor) ? 'workOrder.steps.reopen' : `workOrder.steps.${reasonFor}`) : ''}
        onCancel={() => setReasonFor(null)}
        confirmLoading={transition.isPending}
        okTestId="step-reason-ok"
        onOk={async () => {
          const v = await validFields(reasonForm);
          if (!v || !reasonFor) return;
          step(reasonFor, v.reason.trim(), () => {
            setReasonFor(null);
            reasonForm.resetFields();
          });
        }}
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item name="reason" label={t('workOrder.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea data-testid="step-reason" rows={3} />
          </Form.Item>
        </Form>
      </Dialog>
      {can.dispatch && <DispatchDialog open={dispatching} workOrder={wo} onClose={() => setDispatching(false)} />}
    </>
  );
}
