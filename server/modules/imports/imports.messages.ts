// Server messages: bulk import of the registry (files, rows), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const importsMessages = {
  import_invalid_file: { 'zh-CN': '无法读取导入文件：{detail}', 'en-US': 'The import file cannot be read: {detail}' },
  import_rejected: {
    'zh-CN': '导入未执行：{count} 行有错误，请修正后重新导入。',
    'en-US': 'Nothing was imported: {count} rows have errors; fix them and import again.',
  },
  import_empty: { 'zh-CN': '导入文件中没有数据行。', 'en-US': 'The import file has no data rows.' },
  import_too_many_rows: {
    'zh-CN': '导入文件有 {count} 行，超过每次 {limit} 行的上限，请拆分后导入。',
    'en-US': 'The import file has {count} rows, more than the {limit} allowed at once; split it and import the parts.',
  },
  import_too_large_unpacked: {
    'zh-CN': '该 .xlsx 文件解压后超过 {limit}，不予读取；请拆分后分批导入。',
    'en-US': 'The .xlsx file unpacks to more than {limit} and is not read; split it and import the parts.',
  },
  import_missing_columns: {
    'zh-CN': '导入文件缺少必需的列：{columns}。请使用导入模板。',
    'en-US': 'The import file lacks required columns: {columns}. Use the import template.',
  },
  import_duplicate_columns: { 'zh-CN': '导入文件中有重复的列：{columns}。', 'en-US': 'The import file has the same column twice: {columns}.' },
  'import.file.no_file': { 'zh-CN': '请以字段 file 上传一个 .xlsx 或 .csv 文件', 'en-US': 'send one .xlsx or .csv file in the part named file' },
  'import.file.not_spreadsheet': { 'zh-CN': '只支持 .xlsx 或 .csv 文件', 'en-US': 'only .xlsx and .csv files are accepted' },
  'import.file.xls': { 'zh-CN': '不支持旧版 .xls 格式，请另存为 .xlsx', 'en-US': 'the old .xls format is not supported; save it as .xlsx' },
  'import.file.mismatch': { 'zh-CN': '文件内容与扩展名不符', 'en-US': 'the content does not match the file extension' },
  'import.file.corrupt': { 'zh-CN': '文件已损坏或不是有效的 .xlsx', 'en-US': 'the file is damaged or not a valid .xlsx' },
  'import.file.encoding': { 'zh-CN': 'CSV 文件须为 UTF-8 编码', 'en-US': 'a CSV file must be UTF-8 encoded' },
  'import.invalid_date': { 'zh-CN': '日期无效，请填 YYYY-MM-DD 或 Excel 日期', 'en-US': 'Not a valid date; use YYYY-MM-DD or an Excel date' },
  'import.unknown_model': { 'zh-CN': '型号编码“{value}”不存在', 'en-US': 'No model with code "{value}"' },
  'import.unknown_customer': { 'zh-CN': '客户编号“{value}”不存在', 'en-US': 'No customer with code "{value}"' },
  'import.unknown_department': { 'zh-CN': '客户 {customer} 下没有科室“{value}”', 'en-US': 'Customer {customer} has no department "{value}"' },
  'import.unknown_site': { 'zh-CN': '客户 {customer} 下没有院区/地点“{value}”', 'en-US': 'Customer {customer} has no site "{value}"' },
  'field.duplicate_in_file': { 'zh-CN': '与第 {row} 行重复', 'en-US': 'Same as row {row}' },
  'device.warranty_imported': { 'zh-CN': '由导入文件“{file}”指定', 'en-US': 'Set by the import file "{file}"' },
} satisfies Catalog;
