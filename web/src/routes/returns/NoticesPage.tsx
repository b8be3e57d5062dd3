// 供应商/生产企业通知 (医疗器械经营监督管理办法§38, issue 14 §5): the list of notices sent to suppliers
// and manufacturers about returns, complaints and adverse events (one table since migration 0073;
// awaiting / replied / overdue, search, Excel), the reply dialog, and the panel on a return page
// that sends a new notice (an adverse event's notices are sent from the event's page).
import { Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ReturnSupplierNotice, useNoticeReply, useSendNotice } from '../../api/hooks/returns';
import { businessToday } from '../../businessDay';
import { Dialog } from '../../components/Dialog';
import { validFields } from '../../components/forms';
import { ListPage } from '../../components/ListPage';
import { EnumSelect } from '../../components/pickers';
import { fieldErrorsThen } from '../../components/RecordForm';
import { useProblem } from '../care/common';
import { SupplierSelect } from '../parts/partsPickers';

const CHANNELS = ['email', 'phone', 'letter', 'fax', 'other'] as const;
const SUBJECT_PAGES = { return: '/returns/', complaint: '/complaints/', adverse_event: '/adverse-events/' } as const;
const subjectLink = (n: ReturnSupplierNotice) => SUBJECT_PAGES[n.subject] + n.subjectId;

function ReplyState({ n }: { n: ReturnSupplierNotice }) {
  const { t } = useTranslation();
  if (n.repliedOn) return <Tag color="green">{t('returns.noticeStates.replied')}</Tag>;
  return n.overdue ? <Tag color="red">{t('returns.noticeStates.overdue')}</Tag> : <Tag color="blue">{t('returns.noticeStates.awaiting')}</Tag>;
}

export function NoticesPage() {
  const { t } = useTranslation();
  const [replying, setReplying] = useState<ReturnSupplierNotice | null>(null);
  return (
    <>
      <ListPage
        testId="supplier-notices"
        title={t('returns.menu.notices')}
        endpoint="/api/v1/supplier-notices"
        exportEndpoint="/api/v1/supplier-notices/export"
        exportName="supplier-notices.xlsx"
        filterKeys={['state', 'subject']}
        filters={({ bind }) => (
          <>
            <EnumSelect
              ns="returns.noticeStates"
              values={['awaiting', 'replied', 'overdue']}
              placeholder={t('returns.noticeStates.awaiting')}
              {...bind('state')}
              style={{ width: 140 }}
              data-testid="filter-state"
            />
            <EnumSelect
              ns="returns.subjects"
              values={['return', 'complaint', 'adverse_event']}
              placeholder={t('returns.subject')}
              {...bind('subject')}
              style={{ width: 120 }}
            />
          </>
        )}
        columns={[
          {
            key: 'subject',
            title: t('returns.subject'),
            render: (_, n) => <Link to={subjectLink(n)}>{`${t(`returns.subjects.${n.subject}`)} ${n.subjectNumber ?? ''}`}</Link>,
          },
          { key: 'recipient', dataIndex: 'recipientName', title: t('returns.recipient') },
          { key: 'sentOn', dataIndex: 'sentOn', title: t('returns.sentOn'), sorter: true },
          { key: 'channel', title: t('returns.channel'), render: (_, n) => t(`returns.channels.${n.channel}`) },
          { key: 'content', dataIndex: 'content', title: t('returns.content'), ellipsis: true },
          { key: 'replyDueOn', dataIndex: 'replyDueOn', title: t('returns.replyDueOn'), sorter: true },
          { key: 'state', title: t('returns.replyText'), render: (_, n) => <ReplyState n={n} /> },
          {
            key: 'act',
            title: '',
            render: (_, n) =>
              n.canReply ? (
                <Button size="small" onClick={() => setReplying(n)} data-testid="notice-reply">
                  {t('returns.reply')}
                </Button>
              ) : (
                n.replyText
              ),
          },
        ]}
        card={(n) => ({
          title: `${t(`returns.subjects.${n.subject}`)} ${n.subjectNumber ?? ''} · ${n.recipientName}`,
          tag: <ReplyState n={n} />,
          lines: [
            <span key="s">
              {t('returns.sentOn')}：{n.sentOn} · {t(`returns.channels.${n.channel}`)}
            </span>,
            <span key="d">
              {t('returns.replyDueOn')}：{n.replyDueOn}
            </span>,
            <span key="c">{n.content}</span>,
          ],
          to: subjectLink(n),
        })}
      />
      <ReplyDialog notice={replying} onClose={() => setReplying(null)} />
    </>
  );
}

function ReplyDialog({ notice, onClose }: { notice: ReturnSupplierNotice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const problem = useProblem();
  const [form] = Form.useForm();
  const reply = useNoticeReply();
  const save = async () => {
    const v = await validFields(form);
    if (!v || !notice) return;
    reply.mutate(
      { id: notice.id, version: notice.version, repliedOn: v.repliedOn.format('YYYY-MM-DD'), replyText: v.replyText },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };
  return (
    <Dialog
      open={notice !== null}
      title={t('returns.reply')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={reply.isPending}
      okTestId="notice-reply-save"
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ repliedOn: businessToday() }}>
        <Form.Item name="repliedOn" label={t('returns.repliedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="replyText" label={t('returns.replyText')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} data-testid="notice-reply-text" />
        </Form.Item>
      </Form>
    </Dialog>
  );
}

/** On a return (or complaint) page: its notices and the 通知供应商/生产企业 dialog. */
export function NoticesPanel({
  subject,
  subjectId,
  notices,
  canNotify,
  manufacturer,
}: {
  subject: 'return' | 'complaint';
  subjectId: string;
  notices: ReturnSupplierNotice[];
  canNotify: boolean;
  manufacturer: string | null;
}) {
  const { t } = useTranslation();
  const problem = useProblem();
  const send = useSendNotice();
  const [open, setOpen] = useState(false);
  const [replying, setReplying] = useState<ReturnSupplierNotice | null>(null);
  const [form] = Form.useForm();
  const to = Form.useWatch('to', form) ?? 'manufacturer';
  const save = async () => {
    const v = await validFields(form);
    if (!v) return;
    send.mutate(
      {
        subject,
        subjectId,
        supplierId: v.to === 'supplier' ? v.supplierId : null,
        manufacturer: v.to === 'manufacturer' ? v.manufacturer : null,
        sentOn: v.sentOn.format('YYYY-MM-DD'),
        channel: v.channel,
        content: v.content,
        replyDays: v.replyDays,
      },
      {
        onSuccess: () => {
          form.resetFields();
          setOpen(false);
        },
        onError: fieldErrorsThen(form, problem),
      },
    );
  };
  return (
    <Card
      size="small"
      title={t('returns.notices')}
      extra={
        canNotify && (
          <Button onClick={() => setOpen(true)} data-testid="notice-new">
            {t('returns.notify')}
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={notices}
        scroll={{ x: true }}
        columns={[
          { key: 'recipient', dataIndex: 'recipientName', title: t('returns.recipient') },
          { key: 'sentOn', title: t('returns.sentOn'), render: (_, n) => `${n.sentOn} · ${t(`returns.channels.${n.channel}`)}` },
          { key: 'content', dataIndex: 'content', title: t('returns.content') },
          { key: 'due', dataIndex: 'replyDueOn', title: t('returns.replyDueOn') },
          {
            key: 'reply',
            title: t('returns.replyText'),
            render: (_, n) => (
              <Space direction="vertical" size={0}>
                <ReplyState n={n} />
                {n.replyText && <Typography.Text>{`${n.repliedOn} ${n.replyText}`}</Typography.Text>}
                {n.canReply && (
                  <Button size="small" onClick={() => setReplying(n)}>
                    {t('returns.reply')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Dialog
        open={open}
        title={t('returns.notify')}
        onCancel={() => setOpen(false)}
        onOk={save}
        confirmLoading={send.isPending}
        okTestId="notice-save"
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ to: 'manufacturer', manufacturer: manufacturer ?? undefined, sentOn: businessToday(), channel: 'email', replyDays: 15 }}
        >
          <Form.Item name="to">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'manufacturer', label: t('returns.manufacturer') },
                { value: 'supplier', label: t('returns.supplier') },
              ]}
            />
          </Form.Item>
          {to === 'supplier' ? (
            <Form.Item name="supplierId" label={t('returns.supplier')} rules={[{ required: true }]}>
              <SupplierSelect />
            </Form.Item>
          ) : (
            <Form.Item name="manufacturer" label={t('returns.manufacturer')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} data-testid="notice-manufacturer" />
            </Form.Item>
          )}
          <Form.Item name="sentOn" label={t('returns.sentOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="channel" label={t('returns.channel')} rules={[{ required: true }]}>
            <Select options={CHANNELS.map((c) => ({ value: c, label: t(`returns.channels.${c}`) }))} />
          </Form.Item>
          <Form.Item name="content" label={t('returns.content')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} data-testid="notice-content" />
          </Form.Item>
          <Form.Item name="replyDays" label={t('returns.replyDays')}>
            <InputNumber min={1} max={365} precision={0} />
          </Form.Item>
        </Form>
      </Dialog>
      <ReplyDialog notice={replying} onClose={() => setReplying(null)} />
    </Card>
  );
}
