// A hospital's training archive (seed 003 办法§18): every session, attendee, score and certificate,
// with the Excel export. A hospital user sees their own; staff choose the hospital.
import { Alert, Button, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../../api';
import { useTrainingArchive } from '../../../api/hooks/training';
import { useMe } from '../../../auth';
import { PageTitle } from '../../../components/PageTitle';
import { CustomerSelect } from '../../../components/pickers';
import { ResultTag } from '../sessions/TrainingSessionsPage';

export function TrainingArchivePage() {
  const { t } = useTranslation();
  const me = useMe();
  const own = me.customerId ?? undefined;
  const [chosen, setChosen] = useState<string | undefined>();
  const customerId = own ?? chosen;
  const q = useTrainingArchive(own ? undefined : customerId, Boolean(customerId));
  const rows = q.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="training-archive">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <PageTitle>{t('training.menu.archive')}</PageTitle>
        <Space wrap>
          {!own && <CustomerSelect value={chosen} onChange={setChosen} placeholder={t('training.archive.choose')} style={{ minWidth: 240 }} />}
          <Button
            disabled={!customerId}
            onClick={() => download(`/api/v1/training/archive?${own ? '' : `customerId=${customerId}&`}format=xlsx`, 'training-archive.xlsx')}
            data-testid="archive-export"
          >
            {t('common.export')}
          </Button>
        </Space>
      </Space>
      <Alert type="info" showIcon title={t('training.archive.hint')} />
      <div style={{ overflowX: 'auto' }}>
        <Table
          rowKey={(r) => `${r.sessionId}/${r.attendeeId ?? ''}`}
          size="small"
          loading={q.isLoading && Boolean(customerId)}
          dataSource={rows}
          pagination={false}
          columns={[
            { title: t('training.session.heldOn'), dataIndex: 'heldOn' },
            { title: t('training.session.title'), dataIndex: 'title' },
            { title: t('training.session.model'), render: (_, r) => `${r.modelName}（${r.modelCode}）` },
            { title: t('training.session.trainer'), dataIndex: 'trainerName' },
            { title: t('training.attendee.name'), dataIndex: 'name' },
            { title: t('training.attendee.department'), dataIndex: 'department' },
            { title: t('training.attendee.score'), dataIndex: 'score' },
            { title: t('training.attendee.result'), render: (_, r) => (r.attendeeId ? <ResultTag passed={r.passed} /> : null) },
            { title: t('training.attendee.certificate'), dataIndex: 'certificateNumber' },
          ]}
        />
      </div>
    </Space>
  );
}
