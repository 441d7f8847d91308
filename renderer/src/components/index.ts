export { Button, type ButtonProps } from './button';
export { Dialog, type DialogProps } from './dialog';
export { EmptyState } from './empty-state';
export { ErrorBanner, type ErrorBannerProps } from './error-banner';
export { ProgressDialog, type ProgressDialogProps } from './progress-dialog';
export { Menu, type MenuItem, type MenuProps } from './menu';
