import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** primary = green accent (one per dialog or toolbar), default = grey, ghost = text only. */
  variant?: 'primary' | 'default' | 'ghost' | 'danger';
  size?: 'small' | 'normal';
}

export function Button({ variant = 'default', size = 'normal', className, type, ...rest }: ButtonProps) {
  const classes = ['k-button', `k-button--${variant}`, size === 'small' ? 'k-button--small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return <button type={type ?? 'button'} className={classes} {...rest} />;
}
