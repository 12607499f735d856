import type { AnchorHTMLAttributes, Ref } from 'react';
import { useHref, useLinkClickHandler, type To } from 'react-router-dom';

export interface AppLinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: To;
  replace?: boolean;
  state?: unknown;
  ref?: Ref<HTMLAnchorElement>;
}

/**
 * A link to a page of the app: react-router's own href and click handling (`useHref`,
 * `useLinkClickHandler`: a plain click navigates in the app; a modified click, a middle click or
 * another `target` is left to the browser), without what its `<Link>` adds for framework mode
 * (prefetch links, view transitions, masks): ≈ 2 KB gzip less on the first page
 * (docs/decisions/068-first-page-bytes.md). Lint keeps `<Link>` out of the app.
 */
export function AppLink({ to, replace, state, target, onClick, ...rest }: AppLinkProps) {
  const href = useHref(to);
  const navigate = useLinkClickHandler<HTMLAnchorElement>(to, { replace, state, target });
  return (
    <a
      {...rest}
      href={href}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) navigate(event);
      }}
    />
  );
}
