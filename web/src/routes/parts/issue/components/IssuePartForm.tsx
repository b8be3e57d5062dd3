// Draw a part onto a work order (POST /parts/issue-to-work-order): the engineer's own van is
// preselected; emergency stock is offered only for emergency jobs (the server enforces it).
// Usable on its own page or inside a work order (pass workOrderId).
import { App, Button, Col, Form, type FormInstance, Input, InputNumber, Row } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api';
import { useIssuePart, useMyVan, useReturnFaulty } from '../../../../api/hooks/parts';
import { fieldErrorsThen } from '../../../../components/RecordForm';
import { PartSelect, WarehouseSelect, WorkOrderSelect } from '../../partsPickers';

/** The caller's own van, preselected as the warehouse once it is known. */
function useVanPreselected(form: FormInstance) {
  const van = useMyVan();
  useEffect(() => {
    if (van && !form.getFieldValue('warehouseId')) form.setFieldValue('warehouseId', van.id);
  }, [van, form]);
}

/** Which warehouse and which part (test ids `<testId>-warehouse`, `<testId>-part`). */
function WarehouseAndPart({ testId }: { testId: string }) {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <Form.Item name="warehouseId" label={t('parts.warehouse')} rules={[{ required: true }]}>
          <WarehouseSelect data-testid={`${testId}-warehouse`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="partId" label={t('parts.part')} rules={[{ required: true }]}>
          <PartSelect data-testid={`${testId}-part`} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function IssuePartForm({ workOrderId, onDone }: { workOrderId?: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const issue = useIssuePart();
  useVanPreselected(form);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = {
      workOrderId: workOrderId ?? v.workOrderId,
      warehouseId: v.warehouseId,
      partId: v.partId,
      qty: v.qty,
      lot: v.lot?.trim() || null,
      removedSerial: v.removedSerial?.trim() || null,
    };
    issue.mutate(body, {
      onSuccess: () => {
        message.success(t('parts.issue.done'));
        form.resetFields(['partId', 'qty', 'lot', 'removedSerial']);
        onDone?.();
      },
      onError: fieldErrorsThen(form, (e) => message.error(e instanceof ApiError ? e.problem.detail : String(e))),
    });
  };

  return (
    <Form form={form} layout="vertical" data-testid="issue-form" initialValues={{ qty: 1 }}>
      {!workOrderId && (
        <Form.Item name="workOrderId" label={t('parts.workOrder')} rules={[{ required: true }]}>
          <WorkOrderSelect data-testid="issue-workorder" mine />
        </Form.Item>
      )}
      <WarehouseAndPart testId="issue" />
      <Row gutter={12}>
        <Col xs={8} sm={6}>
          <Form.Item name="qty" label={t('parts.qty')} rules={[{ required: true }]}>
            <InputNumber data-testid="issue-qty" min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={16} sm={9}>
          <Form.Item name="lot" label={t('parts.lotInstalled')} rules={[{ max: 100 }]}>
            <Input data-testid="issue-lot" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={9}>
          <Form.Item name="removedSerial" label={t('parts.removedSerial')} rules={[{ max: 100 }]}>
            <Input data-testid="issue-removed" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" data-testid="issue-submit" loading={issue.isPending} onClick={submit}>
        {t('parts.issue.submit')}
      </Button>
    </Form>
  );
}

/** The faulty unit taken out goes back into faulty stock against the work order. */
export function ReturnFaultyForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const giveBack = useReturnFaulty();
  useVanPreselected(form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    giveBack.mutate(
      { ...v, serial: v.serial?.trim() || null },
      {
        onSuccess: () => {
          message.success(t('parts.returnFaulty.done'));
          form.resetFields(['partId', 'qty', 'serial']);
        },
        onError: fieldErrorsThen(form, (e) => message.error(e instanceof ApiError ? e.problem.detail : String(e))),
      },
    );
  };
  return (
    <Form form={form} layout="vertical" data-testid="return-form" initialValues={{ qty: 1 }}>
      <Form.Item name="workOrderId" label={t('parts.workOrder')} rules={[{ required: true }]}>
        <WorkOrderSelect data-testid="return-workorder" mine />
      </Form.Item>
      <WarehouseAndPart testId="return" />
      <Row gutter={12}>
        <Col xs={8}>
          <Form.Item name="qty" label={t('parts.qty')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={16}>
          <Form.Item name="serial" label={t('parts.removedSerial')} rules={[{ max: 100 }]}>
            <Input data-testid="return-serial" />
          </Form.Item>
        </Col>
      </Row>
      <Button data-testid="return-submit" loading={giveBack.isPending} onClick={submit}>
        {t('parts.returnFaulty.submit')}
      </Button>
    </Form>
  );
}
