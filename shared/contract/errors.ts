/**
 * Stable error codes shared by engine, UI and CLI. A code never changes meaning once shipped;
 * the UI renders the message for the user's language from `errorMessages`.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'CANCELLED',
  'INTERNAL',
  'ENGINE_UNAVAILABLE',
  'ENGINE_RESTARTED',
  'NO_PROJECT',
  'PROJECT_OPEN_FAILED',
  'PROJECT_NEWER_VERSION',
  'NOT_FOUND',
  'DATASET_NOT_FOUND',
  'COLUMN_NOT_FOUND',
  'IMPORT_ENCRYPTED',
  'IMPORT_CORRUPT',
  'IMPORT_UNSUPPORTED',
  'IMPORT_EMPTY',
  'IMPORT_TOO_MANY_COLUMNS',
  'IMPORT_CELL_TOO_LONG',
  'IMPORT_ENTITY_EXPANSION',
  'IMPORT_BINARY',
  'TOO_LARGE',
  'FILE_NOT_FOUND',
  'FILE_WRITE_FAILED',
  'FORMULA_ERROR',
  'CLEAN_FAILED',
  'SEGMENT_INVALID',
  'KMEANS_INVALID',
  'MODEL_INVALID',
  'ANALYSIS_INVALID',
  'CLV_INVALID',
  'REPORT_FAILED',
  'UNAUTHORIZED',
  'PROJECT_NOT_KEQUN',
  'PROJECT_READ_ONLY',
  'PROJECT_BUSY',
  'PROJECT_DAMAGED',
  'PROJECT_CLOSED',
  'DISK_FULL',
  'STALE_INPUT',
  'OUTPUT_IS_PROJECT',
  'USAGE',
  'PORT_IN_USE',
  'PATH_NOT_GRANTED',
  'UPLOAD_INVALID',
  'UPLOAD_QUOTA',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** JSON-safe detail values attached to an error (positions, column names, counts). */
export type ErrorDetails = Record<string, string | number | boolean | null | string[] | number[]>;

/** The error as it travels on the wire and as the CLI prints it. */
export interface WireError {
  code: ErrorCode;
  /** English message (CLI default, logs). */
  message: string;
  /** Chinese message (UI default). */
  messageZh: string;
  details?: ErrorDetails;
}

/**
 * The one error type thrown by engine code and re-created by the client from a wire error.
 * Messages come in both languages so that every surface can show the user's language.
 */
export class KequnError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message?: string, options?: { zh?: string; details?: ErrorDetails; cause?: unknown }) {
    const fallback = errorMessages[code];
    super(message ?? fallback.en, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KequnError';
    this.code = code;
    this.messageZh = options?.zh ?? (message === undefined ? fallback.zh : `${fallback.zh}：${message}`);
    this.details = options?.details;
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.message, messageZh: this.messageZh };
    if (this.details) wire.details = this.details;
    return wire;
  }

  static fromWire(wire: WireError): KequnError {
    return new KequnError(wire.code, wire.message, {
      zh: wire.messageZh,
      ...(wire.details ? { details: wire.details } : {}),
    });
  }
}

export function isKequnError(e: unknown): e is KequnError {
  return e instanceof KequnError;
}

/** Default texts per code; engine code usually adds a specific English message and Chinese text. */
export const errorMessages: Record<ErrorCode, { zh: string; en: string }> = {
  VALIDATION: { zh: '参数无效', en: 'Invalid parameters' },
  UNKNOWN_METHOD: { zh: '未知的操作', en: 'Unknown method' },
  CANCELLED: { zh: '操作已取消', en: 'The operation was cancelled' },
  INTERNAL: { zh: '内部错误', en: 'Internal error' },
  ENGINE_UNAVAILABLE: { zh: '计算引擎未连接', en: 'The engine is not connected' },
  ENGINE_RESTARTED: { zh: '计算引擎已停止，正在重启', en: 'The engine stopped and is restarting' },
  NO_PROJECT: { zh: '没有打开的项目', en: 'No project is open' },
  PROJECT_OPEN_FAILED: { zh: '无法打开项目文件', en: 'The project file could not be opened' },
  PROJECT_NEWER_VERSION: {
    zh: '项目文件由更新版本的客群创建',
    en: 'The project file was created by a newer version of Kequn',
  },
  NOT_FOUND: { zh: '未找到', en: 'Not found' },
  DATASET_NOT_FOUND: { zh: '未找到数据集', en: 'Dataset not found' },
  COLUMN_NOT_FOUND: { zh: '未找到列', en: 'Column not found' },
  IMPORT_ENCRYPTED: { zh: '工作簿有密码保护，无法导入', en: 'The workbook is password-protected' },
  IMPORT_CORRUPT: { zh: '文件已损坏或不完整', en: 'The file is corrupt or truncated' },
  IMPORT_UNSUPPORTED: { zh: '不支持的文件格式', en: 'Unsupported file format' },
  IMPORT_EMPTY: { zh: '文件中没有数据', en: 'The file contains no data' },
  IMPORT_TOO_MANY_COLUMNS: { zh: '列数超过 16,384 列的上限', en: 'More than 16,384 columns' },
  IMPORT_CELL_TOO_LONG: { zh: '单元格超过 32,767 个字符', en: 'A cell is longer than 32,767 characters' },
  IMPORT_ENTITY_EXPANSION: { zh: '文件包含不安全的 XML 实体', en: 'The file contains unsafe XML entities' },
  IMPORT_BINARY: { zh: '文件内容不是文本', en: 'The file content is not text' },
  TOO_LARGE: { zh: '文件或数据超过大小上限', en: 'The file or data exceeds the size limit' },
  FILE_NOT_FOUND: { zh: '找不到文件', en: 'File not found' },
  FILE_WRITE_FAILED: { zh: '无法写入文件', en: 'The file could not be written' },
  FORMULA_ERROR: { zh: '公式错误', en: 'Formula error' },
  CLEAN_FAILED: { zh: '清洗步骤失败', en: 'The cleaning step failed' },
  SEGMENT_INVALID: { zh: '细分方案无效', en: 'Invalid segmentation' },
  KMEANS_INVALID: { zh: '聚类参数无效', en: 'Invalid clustering parameters' },
  MODEL_INVALID: { zh: '模型参数无效', en: 'Invalid model parameters' },
  ANALYSIS_INVALID: { zh: '分析参数无效', en: 'Invalid analysis parameters' },
  CLV_INVALID: { zh: '客户价值预测无法进行', en: 'Customer value prediction not possible' },
  REPORT_FAILED: { zh: '报告生成失败', en: 'The report could not be written' },
  UNAUTHORIZED: { zh: '未授权的请求', en: 'Unauthorized request' },
  PROJECT_NOT_KEQUN: { zh: '这不是客群项目文件，文件未作任何改动', en: 'This is not a Kequn project file; it was left unchanged' },
  PROJECT_READ_ONLY: { zh: '项目文件是只读的，无法保存改动', en: 'The project file is read-only; changes cannot be saved' },
  PROJECT_BUSY: { zh: '项目文件正被其他程序占用，请稍后再试', en: 'Another program is using the project file; try again shortly' },
  PROJECT_DAMAGED: { zh: '项目文件已损坏', en: 'The project file is damaged' },
  PROJECT_CLOSED: {
    zh: '运行期间项目已关闭或切换，结果未保存',
    en: 'The project was closed or switched while this ran; nothing was saved',
  },
  DISK_FULL: { zh: '磁盘空间不足，操作未完成，项目保持原样', en: 'The disk is full; the operation did not complete and the project is unchanged' },
  STALE_INPUT: {
    zh: '运行期间输入数据已被修改，结果未保存，请重新运行',
    en: 'The input data changed while this ran; nothing was saved, run it again',
  },
  OUTPUT_IS_PROJECT: { zh: '不能写到项目文件本身（或其配套文件）上', en: 'The output cannot be a project file or one of its companion files' },
  USAGE: { zh: '命令用法有误', en: 'Invalid command usage' },
  PORT_IN_USE: { zh: '端口已被占用', en: 'The port is already in use' },
  PATH_NOT_GRANTED: {
    zh: '桌面版只能使用在对话框中选择、拖入或由系统打开的文件',
    en: 'The desktop app only uses files chosen in a dialog, dropped on the window or opened by the system',
  },
  UPLOAD_INVALID: { zh: '上传的数据无效', en: 'The uploaded data is invalid' },
  UPLOAD_QUOTA: { zh: '待导入的上传文件超过总容量上限', en: 'Pending uploads exceed the total upload quota' },
};
