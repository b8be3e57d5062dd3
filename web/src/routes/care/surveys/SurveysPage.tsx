// 满意度调查 (R-SV-1): one per closed work order; customer service issues the link for the
// customer or enters the answers from a call; hospital users answer theirs here (portal).

import { Button, Form, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Survey, useEnterSurveyAnswers, useIssueSurveyLink, useSurveys } from '../../../api/hooks/surveys';
import { useMe } from '../../../auth';
import { validFields } from '../../../components/forms';
import { PageTitle } from '../../../components/PageTitle';
import { fmt, useProblem } from '../common';
import { RatingFields } from '../public-survey/PublicSurveyPage';

const ASPECTS = ['attitude', 'skill', 'timeliness', 'promise'] as const;
const LEVEL_COLORS: Record<string, string> = { '4': 'green', '3': 'blue', '2': 'orange', '1': 'red' };

function Ratings({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={0} data-testid="survey-ratings">
      {ASPECTS.map((a) => {
        const v = survey[a];
        return (
          <span key={a} style={{ whiteSpace: 'nowrap' }}>
            {t(`care.survey.${a}`)}：{v === null ? '—' : <Tag color={LEVEL_COLORS[String(v)]}>{t(`care.survey.levels.${v}`)}</Tag>}
          </span>
        );
      })}
    </Space>
  );
}

export function SurveysPage() {
  const { t } = useTranslation();
  const me = useMe();
  const problem = useProblem();
  const [answered, setAnswered] = useState<'false' | 'true'>('false');
  const [link, setLink] = useState<string | null>(null);
  const [entering, setEntering] = useState<Survey | null>(null);
  const [form] = Form.useForm();
  // A hospital user (confined to its customer) submits its own answers; staff enter a phone survey: wording only.
  const hospital = me.customerId != null;
  const staff = me.abilities['surveys.issueLink'];
  const mayAnswer = me.abilities['surveys.answer'];
  const q = useSurveys({ answered, pageSize: 100 });
  const issueLink = useIssueSurveyLink();
  const enter = useEnterSurveyAnswers();

  const issue = (s: Survey) => issueLink.mutate(s.id, { onSuccess: (r) => setLink(`${window.location.origin}${r.path}`), onError: problem });
  const submit = async () => {
    const v = await validFields(form);
    if (!v || !entering) return; // the form shows what is missing
    enter.mutate(
      { id: entering.id, ...v, comments: v.comments ?? null, respondentName: v.respondentName ?? null },
      {
        onSuccess: () => {
          setEntering(null);
          form.resetFields();
        },
        onError: problem,
      },
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="surveys">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('care.menu.surveys')}</PageTitle>
        <Segmented
          value={answered}
          onChange={(v) => setAnswered(v as 'false' | 'true')}
          options={[
            { value: 'false', label: t('care.survey.pending') },
            { value: 'true', label: t('care.survey.answeredAt') },
          ]}
        />
      </Space>
      <div style={{ overflowX: 'auto' }}>
        <Table<Survey>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('ux.workOrderNo'), dataIndex: 'workOrderNumber' },
            { title: t('care.customer'), dataIndex: 'customerName' },
            { title: t('care.device'), render: (_, s) => `${s.serialNumber} · ${s.modelName}` },
            ...(answered === 'true'
              ? [
                  {
                    // The four ratings of R-SV-1, each named and in the level's words (glossary).
                    title: t('ux.ratings'),
                    render: (_: unknown, s: Survey) => <Ratings survey={s} />,
                  },
                  { title: t('care.survey.comments'), dataIndex: 'comments' },
                  {
                    title: t('care.survey.answeredAt'),
                    render: (_: unknown, s: Survey) => (
                      <Space size={4}>
                        {fmt(s.answeredAt)}
                        {s.channel && <Tag>{t(`care.survey.channel.${s.channel}`)}</Tag>}
                        {s.complaintFlag && <Tag color="red">{t('care.survey.flagged')}</Tag>}
                      </Space>
                    ),
                  },
                ]
              : [
                  {
                    title: t('common.actions'),
                    render: (_: unknown, s: Survey) => (
                      <Space>
                        {staff && (
                          <Button size="small" onClick={() => issue(s)} data-testid={`survey-link-${s.workOrderNumber}`}>
                            {t('care.survey.issueLink')}
                          </Button>
                        )}
                        {mayAnswer && (
                          <Button size="small" onClick={() => setEntering(s)} data-testid={`survey-enter-${s.workOrderNumber}`}>
                            {hospital ? t('care.survey.submit') : t('care.survey.enterPhone')}
                          </Button>
                        )}
                      </Space>
                    ),
                  },
                ]),
          ]}
        />
      </div>
      <Modal open={!!link} onCancel={() => setLink(null)} footer={null} title={t('care.survey.linkReady', { days: 14 })}>
        <Input.TextArea value={link ?? ''} readOnly autoSize data-testid="survey-link" />
      </Modal>
      <Modal
        open={!!entering}
        onCancel={() => setEntering(null)}
        onOk={submit}
        confirmLoading={enter.isPending}
        title={entering?.workOrderNumber}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <RatingFields />
        </Form>
      </Modal>
    </Space>
  );
}
