/** The application version, shown in the UI, the CLI and written into reports and project files. */
export const APP_VERSION = '0.1.0';
