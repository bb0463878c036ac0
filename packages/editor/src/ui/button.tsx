// The one button of the editor: variants and sizes map onto the .button classes of styles/base.css, and the type
// defaults to "button" so no button submits a form by accident.
import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'default' | 'primary' | 'ghost' | 'danger' | 'ghost-danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  testId?: string;
}

const VARIANT: Record<ButtonVariant, string> = {
  default: '',
  primary: ' primary',
  ghost: ' ghost',
  danger: ' danger',
  'ghost-danger': ' ghost danger-text',
};

export function Button({ variant = 'default', size = 'normal', testId, className, type, ...rest }: ButtonProps) {
  const classes = `button${VARIANT[variant]}${size === 'small' ? ' small' : ''}${className ? ` ${className}` : ''}`;
  return <button type={type ?? 'button'} className={classes} data-testid={testId} {...rest} />;
}
