// The photos, scans and documents of one record (issue 12 item 0), reusable on any detail page:
// upload (or take a photo on a phone), a grid of thumbnails with preview, PDF/documents as links,
// when each was taken and uploaded and by whom, replace and withdraw with a reason. Nothing is
// ever deleted: withdrawn and replaced files stay in the history.
import { CameraOutlined, FileOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Form, Image, Input, Modal, Space, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { type Attachment, type AttachmentOwnerRef, useAttachments, useUploadAttachment, useWithdrawAttachment } from '../../api/hooks/attachments';
import { useAbility } from '../../auth';
import { compressPhoto, hasQueued, isOffline, recordStep } from '../../offline/sync';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf,.docx,.xlsx';
const fmt = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

/**
 * `compact`: one line for a checklist row (issue 12: a photo per site-check item) — take a photo or
 * pick a file, small thumbnails, no caption, no history switch; the record's full panel has those.
 */
export function AttachmentsPanel({
  canUpload = true,
  title,
  compact = false,
  ...owner
}: AttachmentOwnerRef & { canUpload?: boolean; title?: string; compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [history, setHistory] = useState(false);
  const [caption, setCaption] = useState('');
  const [withdrawing, setWithdrawing] = useState<Attachment | null>(null);
  const canWithdraw = useAbility('attachments.withdraw');
  const canReplace = useAbility('attachments.supersede') && canUpload;
  const list = useAttachments(owner, history);
  const upload = useUploadAttachment(owner);
  const withdraw = useWithdrawAttachment();
  const [form] = Form.useForm<{ reason: string }>();

  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.problem.detail : String(e));
  // Issue 16 §1: a photo is compressed on the phone (JPEG, ≤ 1600 px) before it is sent; a work
  // order's photo taken without a signal waits in the offline queue and is uploaded in the background.
  const send = async (picked: File, supersedes?: string) => {
    const file = await compressPhoto(picked);
    const text = caption.trim() || undefined;
    if (owner.ownerKind === 'work_order' && !supersedes && (isOffline() || hasQueued(owner.ownerId))) {
      await recordStep(owner.ownerId, 'photo', { caption: text }, { photo: file, filename: `offline-${Date.now()}-${file.name}` });
      setCaption('');
      return;
    }
    return upload.mutateAsync({ file, caption: text, supersedes }).then(() => {
      setCaption('');
      message.success(t('attachments.uploaded'));
    }, fail);
  };
  // antd Upload hands the file over; the request is ours (multipart through the typed client).
  const picker = (supersedes?: string) => ({
    accept: ACCEPT,
    showUploadList: false,
    customRequest: ({ file, onSuccess, onError }: { file: unknown; onSuccess?: (b: unknown) => void; onError?: (e: Error) => void }) => {
      send(file as File, supersedes).then(
        () => onSuccess?.({}),
        (e: unknown) => onError?.(e as Error),
      );
    },
  });

  const items = list.data?.items ?? [];
  const images = items.filter((a) => a.thumbnailUrl);
  const files = items.filter((a) => !a.thumbnailUrl);
  const facts = (a: Attachment) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {a.takenAt && (
        <div>
          {t('attachments.takenAt')} {fmt(a.takenAt)}
        </div>
      )}
      <div>
        {t('attachments.uploadedAt')} {fmt(a.uploadedAt)} · {a.uploadedByName ?? '—'}
      </div>
      {a.status !== 'active' && (
        <div>
          <Tag color={a.status === 'withdrawn' ? 'red' : 'default'}>{t(`attachments.statuses.${a.status}`)}</Tag>
          {a.withdrawReason}
        </div>
      )}
    </Typography.Text>
  );
  const actions = (a: Attachment) =>
    a.status !== 'active' ? null : (
      <Space size={4} wrap>
        {canReplace && (
          <Upload {...picker(a.id)}>
            <Button size="small" icon={<SwapOutlined />} data-testid="attachment-replace">
              {t('attachments.replace')}
            </Button>
          </Upload>
        )}
        {canWithdraw && (
          <Button size="small" danger onClick={() => setWithdrawing(a)} data-testid="attachment-withdraw">
            {t('attachments.withdraw')}
          </Button>
        )}
      </Space>
    );

  if (compact)
    return (
      <Space wrap size={6} align="center" data-testid="attachments-compact">
        {canUpload && (
          <Upload {...picker()} accept="image/*" capture="environment">
            <Button size="small" icon={<CameraOutlined />} loading={upload.isPending} aria-label={t('attachments.camera')} data-testid="attachment-camera">
              {t('attachments.camera')}
            </Button>
          </Upload>
        )}
        {canUpload && (
          <Upload {...picker()}>
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} aria-label={t('attachments.upload')} />
          </Upload>
        )}
        <Image.PreviewGroup>
          {images.map((a) => (
            <Image
              key={a.id}
              data-testid="attachment-image"
              width={56}
              height={42}
              src={a.thumbnailUrl ?? undefined}
              preview={{ src: a.contentUrl }}
              alt={a.caption ?? a.fileName}
              style={{ objectFit: 'cover' }}
            />
          ))}
        </Image.PreviewGroup>
        {files.map((a) => (
          <a key={a.id} href={a.contentUrl} target="_blank" rel="noopener noreferrer" data-testid="attachment-file">
            <FileOutlined /> {a.fileName}
          </a>
        ))}
      </Space>
    );

  return (
    <Card
      size="small"
      title={title ?? t('attachments.title')}
      data-testid="attachments-panel"
      extra={
        <Checkbox checked={history} onChange={(e) => setHistory(e.target.checked)}>
          {t('attachments.history')}
        </Checkbox>
      }
    >
      {canUpload && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Input placeholder={t('attachments.caption')} value={caption} maxLength={500} onChange={(e) => setCaption(e.target.value)} style={{ width: 220 }} />
          <Upload {...picker()} accept="image/*" capture="environment">
            <Button icon={<CameraOutlined />} loading={upload.isPending}>
              {t('attachments.camera')}
            </Button>
          </Upload>
          <Upload {...picker()}>
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload">
              {t('attachments.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attachments.limits')}
          </Typography.Text>
        </Space>
      )}
      {items.length === 0 && !list.isLoading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.empty')} />}
      <Image.PreviewGroup>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 12 }}>
          {images.map((a) => (
            <div key={a.id} data-testid="attachment-image" style={{ opacity: a.status === 'active' ? 1 : 0.5 }}>
              <Image
                src={a.thumbnailUrl ?? undefined}
                preview={{ src: a.contentUrl }}
                alt={a.caption ?? a.fileName}
                style={{ width: '100%', aspectRatio: '4 / 3', objectFit: 'cover' }}
              />
              {a.caption && <div>{a.caption}</div>}
              {facts(a)}
              {actions(a)}
            </div>
          ))}
        </div>
      </Image.PreviewGroup>
      {files.map((a) => (
        <div key={a.id} style={{ marginTop: 8, opacity: a.status === 'active' ? 1 : 0.5 }} data-testid="attachment-file">
          <Space align="start" wrap>
            <FileOutlined />
            <a href={a.contentUrl} target="_blank" rel="noopener noreferrer">
              {a.fileName}
            </a>
            <Typography.Text type="secondary">{Math.max(1, Math.round(a.size / 1024))} KB</Typography.Text>
            {a.caption && <span>{a.caption}</span>}
            {actions(a)}
          </Space>
          {facts(a)}
        </div>
      ))}
      <Modal
        title={t('attachments.withdrawTitle')}
        open={!!withdrawing}
        okButtonProps={{ danger: true, loading: withdraw.isPending }}
        okText={t('attachments.withdraw')}
        onCancel={() => setWithdrawing(null)}
        destroyOnHidden
        onOk={async () => {
          const { reason } = await form.validateFields();
          if (!withdrawing) return;
          await withdraw.mutateAsync({ id: withdrawing.id, version: withdrawing.version, reason }).then(() => {
            message.success(t('attachments.withdrawn'));
            setWithdrawing(null);
            form.resetFields();
          }, fail);
        }}
      >
        <Typography.Paragraph type="secondary">{t('attachments.withdrawHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('attachments.reason')} rules={[{ required: true, whitespace: true, message: t('attachments.reasonRequired') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
