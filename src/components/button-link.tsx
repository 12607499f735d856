import { AppLink, type AppLinkProps } from './app-link';
import type { ButtonVariant } from './button';

/** Navigation that looks like a button (it is still a link to assistive technology). */
export function ButtonLink({ variant = 'primary', className, ...rest }: AppLinkProps & { variant?: ButtonVariant }) {
  return <AppLink {...rest} className={['button', `button-${variant}`, className].filter(Boolean).join(' ')} />;
}
