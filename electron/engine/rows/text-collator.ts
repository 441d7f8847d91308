/**
 * Text sorts the way Excel sorts it for Chinese users: Han characters by pinyin (李 < 王 < 张),
 * Latin letters case- and width-insensitively, digits by value. The one collator of the engine:
 * grid sorts, pivot and cross-tab axes all order labels with it.
 *
 * Made on first use and kept for the process: it holds no project data, and creating it loads
 * ICU's Chinese collation (tens of milliseconds) that commands which never order text skip.
 */
let collator: Intl.Collator | null = null;

export function textCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' }));
}
