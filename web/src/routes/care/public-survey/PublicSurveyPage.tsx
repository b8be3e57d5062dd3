// The survey a customer opens from the link (R-SV-1): no login, four ratings on four levels
// and comments; the link works once.

import { Alert, Button, Card, Form, Input, Radio, Result, Segmented, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../../api';
import { useAnswerPublicSurvey, usePublicSurvey } from '../../../api/hooks/surveys';
import { validFields } from '../../../components/forms';
import { type Lang, setLanguage } from '../../../i18n';

export const RATINGS = ['attitude', 'skill', 'timeliness', 'promise'] as const;

export function RatingFields() {
  const { t } = useTranslation();
  return (
    <>
      {RATINGS.map((k) => (
        <Form.Item key={k} name={k} label={t(`care.survey.${k}`)} rules={[{ required: true }]}>
          <Radio.Group data-testid={`rate-${k}`}>
            {[4, 3, 2, 1].map((v) => (
              <Radio.Button key={v} value={v} data-testid={`rate-${k}-${v}`}>
                {t(`care.survey.levels.${v}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
      ))}
      <Form.Item name="comments" label={t('care.survey.comments')}>
        <Input.TextArea rows={3} data-testid="survey-comments" />
      </Form.Item>
      <Form.Item name="respondentName" label={t('care.survey.name')}>
        <Input data-testid="survey-name" />
      </Form.Item>
    </>
  );
}

export function PublicSurveyPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const [form] = Form.useForm();
  const q = usePublicSurvey(token);
  const answer = useAnswerPublicSurvey(token);
  const survey = q.data;
  const alreadyAnswered = answer.error instanceof ApiError && answer.error.problem.code === 'survey_already_answered';
  const error = answer.error && !alreadyAnswered ? (answer.error instanceof ApiError ? answer.error.problem.detail : String(answer.error)) : null;
  const state = q.isPending ? 'loading' : !survey ? 'invalid' : answer.isSuccess ? 'thanks' : survey.answered || alreadyAnswered ? 'answered' : 'ready';

  const submit = async () => {
    const v = await validFields(form);
    if (!v) return; // the form shows what is missing
    answer.mutate({ ...v, comments: v.comments ?? null, respondentName: v.respondentName ?? null });
  };

  return (
    <div style={{ maxWidth: 720, margin: '24px auto', padding: 16 }} data-testid="public-survey">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>{t('care.survey.title')}</Typography.Title>
        <Segmented
          value={i18n.language}
          onChange={(v) => setLanguage(v as Lang)}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'EN', value: 'en-US' },
          ]}
        />
      </Space>
      {state === 'loading' && <Spin />}
      {state === 'invalid' && <Result status="warning" title={t('care.survey.invalid')} />}
      {state === 'answered' && <Result status="info" title={t('care.survey.answered')} data-testid="survey-answered" />}
      {state === 'thanks' && <Result status="success" title={t('care.survey.thanks')} data-testid="survey-thanks" />}
      {state === 'ready' && survey && (
        <Card>
          <Typography.Paragraph>
            {survey.customerName}：{t('care.survey.intro', { number: survey.workOrderNumber, device: `${survey.modelName} ${survey.serialNumber}` })}
          </Typography.Paragraph>
          <Form form={form} layout="vertical">
            <RatingFields />
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Button type="primary" size="large" loading={answer.isPending} onClick={submit} data-testid="survey-submit">
              {t('care.survey.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
