// The attachments module's public face (issue 12 item 0): photos, scans and documents on any record.
// Other modules register their record kinds with registerAttachmentOwner; main.ts picks the store.
// Import from here, never from a file inside the folder; its table comes from server/db/schema.ts.

export { type AttachmentOwner, ownerKinds, registerAttachmentOwner } from './attachments.owners.ts';
export { attachmentsRoutes, DEFAULT_ATTACHMENT_MAX_BYTES } from './attachments.routes.ts';
export { seedDemoAttachments, storeDemoPhoto } from './attachments.seed.ts';
export { type BlobStore, blobStoreFor, fileBlobStore, type S3Settings, s3BlobStore } from './attachments.store.ts';
export { type BlobCheck, verifyBlobs } from './attachments.verify.ts';
