// Attachments (附件, issue 12 item 0): the photos, scans and documents of one record, uploading one
// (multipart), and withdrawing one with a reason. Writes refresh that record's list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, must } from '../../api';
import { keysFor } from '../keys';

export type Attachment = components['schemas']['Attachment'];
export interface AttachmentOwnerRef {
  ownerKind: string;
  ownerId: string;
  ownerPart?: string;
}

export const attachmentKeys = keysFor('attachments');
const LIST = '/api/v1/attachments';

export const useAttachments = (owner: AttachmentOwnerRef, history = false) =>
  useQuery({
    queryKey: attachmentKeys.list(LIST, { ...owner, history }),
    queryFn: () => must(api.GET(LIST, { params: { query: { ...owner, history: history ? 'true' : 'false' } } })),
    enabled: !!owner.ownerId,
  });

export function useUploadAttachment(owner: AttachmentOwnerRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, caption, supersedes }: { file: File; caption?: string; supersedes?: string }) =>
      must(
        api.POST(LIST, {
          // The contract types the multipart part `file` (format: binary) as a string; the File
          // travels as FormData, which openapi-fetch sends as is.
          body: { ownerKind: owner.ownerKind, ownerId: owner.ownerId, file: file.name },
          bodySerializer: () => {
            const form = new FormData();
            form.append('ownerKind', owner.ownerKind);
            form.append('ownerId', owner.ownerId);
            if (owner.ownerPart) form.append('ownerPart', owner.ownerPart);
            if (caption) form.append('caption', caption);
            if (supersedes) form.append('supersedes', supersedes);
            form.append('file', file, file.name);
            return form;
          },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: attachmentKeys.lists() }),
  });
}

export function useWithdrawAttachment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, reason }: { id: string; version: number; reason: string }) =>
      must(api.POST('/api/v1/attachments/{id}/withdraw', { params: { path: { id } }, body: { version, reason } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: attachmentKeys.lists() }),
  });
}
