import { describe, expect, it } from 'vitest';
import { besideProject, downloadHref, folderOf, safeFileName, withExtension } from '../../../shared/format/file-paths';

describe('default output paths of the report and export dialogs', () => {
  it('puts the file beside the project, with the project path’s own separator', () => {
    expect(besideProject('/home/li/客户/销售.kequn', 'RFM细分-客群报告.xlsx')).toBe('/home/li/客户/RFM细分-客群报告.xlsx');
    expect(besideProject('C:\\Users\\li\\销售.kequn', '订单.csv')).toBe('C:\\Users\\li\\订单.csv');
    expect(besideProject('/销售.kequn', 'a.xlsx')).toBe('/a.xlsx');
    expect(besideProject(undefined, 'a.xlsx')).toBe('a.xlsx');
    expect(folderOf('/a/b/c.kequn')).toBe('/a/b');
  });

  it('makes a safe file name from a dataset or segmentation name', () => {
    expect(safeFileName('RFM: 2024/上半年*')).toBe('RFM_ 2024_上半年_');
    expect(safeFileName('   ')).toBe('kequn');
    expect(safeFileName('x'.repeat(300))).toHaveLength(120);
  });

  it('switches the extension with the format and encodes the download ticket', () => {
    expect(withExtension('/a/订单.xlsx', 'csv')).toBe('/a/订单.csv');
    expect(withExtension('/a/订单', 'xlsx')).toBe('/a/订单.xlsx');
    expect(downloadHref('t1_-x')).toBe('/download?ticket=t1_-x');
    expect(downloadHref('a+b/c')).toBe('/download?ticket=a%2Bb%2Fc');
  });
});
