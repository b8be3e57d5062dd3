// Spreadsheet imports (导入): validate a file (writes nothing) or commit it (all rows or none).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../../api/schema';
import { api, must } from '../../api';
import { customerKeys } from './customers';
import { deviceKeys } from './devices';

export type ImportReport = components['schemas']['ImportReport'];
export type ImportKind = 'customers' | 'devices';

export function useImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, mode, file }: { kind: ImportKind; mode: 'validate' | 'commit'; file: File }) =>
      must(
        api.POST('/api/v1/imports/{kind}', {
          params: { path: { kind }, query: { mode } },
          // The contract types the multipart part `file` (format: binary) as a string; the File
          // travels as FormData, which openapi-fetch sends as is.
          body: { file: file.name },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file, file.name);
            return form;
          },
        }),
      ),
    onSuccess: (report, { kind }) => {
      if (report.committed) return qc.invalidateQueries({ queryKey: (kind === 'customers' ? customerKeys : deviceKeys).all });
    },
  });
}
