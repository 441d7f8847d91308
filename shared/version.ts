/** The application version, shown in the UI, the CLI and written into reports and project files. */
export const APP_VERSION = '0.1.0';
export const APP_NAME_ZH = '客群';
export const APP_NAME_EN = 'Kequn';
