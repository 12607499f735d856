import { Link, type LinkProps } from 'react-router-dom';
import type { ButtonVariant } from './button';

/** Navigation that looks like a button (it is still a link to assistive technology). */
export function ButtonLink({ variant = 'primary', className, ...rest }: LinkProps & { variant?: ButtonVariant }) {
  return <Link {...rest} className={['button', `button-${variant}`, className].filter(Boolean).join(' ')} />;
}
