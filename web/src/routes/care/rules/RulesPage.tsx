// 回访规则 (R-FU-1): every version of the cadence rule set per service type; an admin adds a
// new version, effective from an instant, for services completed from then on.

import { Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RuleSet, type RuleSetBody, useAddRuleSet, useRuleSets } from '../../../api/hooks/followups';
import { useMe } from '../../../auth';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { fmt, useProblem } from '../common';

export function RulesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const problem = useProblem();
  const [editing, setEditing] = useState<RuleSet | null>(null);
  const [form] = Form.useForm();
  const q = useRuleSets();
  const add = useAddRuleSet();
  const admin = me.abilities['followups.rules'];

  const save = async () => {
    const v = await validFields(form);
    if (!v) return; // the form shows what is missing
    // Typed in as JSON: the server checks its shape.
    let rules: RuleSetBody['rules'];
    try {
      rules = JSON.parse(v.rules);
    } catch (e) {
      problem(e);
      return;
    }
    if (!editing) return;
    add.mutate(
      { serviceType: editing.serviceType, rules, note: v.note ?? null, effectiveFrom: v.effectiveFrom ? (v.effectiveFrom as Dayjs).toISOString() : null },
      { onSuccess: () => setEditing(null), onError: problem },
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="followup-rules">
      <PageTitle>{t('care.menu.rules')}</PageTitle>
      <Card size="small">
        <div style={{ overflowX: 'auto' }}>
          <Table<RuleSet>
            rowKey={(r) => `${r.serviceType}-${r.versionNo}`}
            size="small"
            loading={q.isLoading}
            pagination={false}
            dataSource={q.data?.items ?? []}
            expandable={{ expandedRowRender: (r) => <pre style={{ margin: 0, fontSize: 12 }}>{JSON.stringify(r.rules, null, 2)}</pre> }}
            columns={[
              { title: t('care.key'), render: (_, r) => t(`care.serviceTypes.${r.serviceType}`) },
              {
                title: t('care.rules.version'),
                render: (_, r) => (
                  <Space size={4}>
                    {r.versionNo === 0 ? t('care.rules.builtIn') : `v${r.versionNo}`}
                    {r.inForce && <Tag color="green">{t('care.rules.inForce')}</Tag>}
                  </Space>
                ),
              },
              { title: t('care.rules.effectiveFrom'), render: (_, r) => fmt(r.effectiveFrom) },
              { title: t('care.rules.note'), dataIndex: 'note' },
              {
                title: '',
                render: (_, r) =>
                  admin && r.inForce ? (
                    <Button
                      size="small"
                      onClick={() => {
                        setEditing(r);
                        form.setFieldsValue({ rules: JSON.stringify(r.rules, null, 2), note: '', effectiveFrom: null });
                      }}
                    >
                      {t('care.rules.newVersion')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </div>
      </Card>
      <Modal
        open={!!editing}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={add.isPending}
        width={720}
        title={editing ? `${t(`care.serviceTypes.${editing.serviceType}`)} · ${t('care.rules.newVersion')}` : ''}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="effectiveFrom" label={t('care.rules.effectiveFrom')}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="rules" label={t('care.rules.rulesJson')} rules={[{ required: true }]}>
            <Input.TextArea rows={16} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item name="note" label={t('care.rules.note')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
